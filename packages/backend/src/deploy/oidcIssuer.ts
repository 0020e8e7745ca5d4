import { generateKeyPairSync } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface OidcIssuer {
  /** What AUTH_OIDC_METADATA_URL points at. */
  metadataUrl: string;
  issuer: string;
  /** Paths the backend fetched, e.g. to see that discovery happened at start-up. */
  requests: string[];
  stop(): Promise<void>;
}

/**
 * The part of an OpenID Connect provider a backend needs to start: discovery and the
 * signing keys. The OIDC sign-in module discovers the issuer when the auth plugin
 * starts, so a production start without a reachable issuer fails. No sign-in flow:
 * signing in needs a catalog with User entities (docs/deploy.md).
 */
export async function startOidcIssuer(): Promise<OidcIssuer> {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = {
    ...publicKey.export({ format: 'jwk' }),
    kid: 'test',
    use: 'sig',
    alg: 'RS256',
  };
  const requests: string[] = [];
  let issuer = '';
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/.well-known/openid-configuration') {
      json({
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        userinfo_endpoint: `${issuer}/me`,
        jwks_uri: `${issuer}/jwks`,
        end_session_endpoint: `${issuer}/session/end`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        token_endpoint_auth_methods_supported: ['client_secret_basic'],
        claims_supported: ['sub', 'email', 'name'],
      });
    } else if (req.url === '/jwks') {
      json({ keys: [jwk] });
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    metadataUrl: `${issuer}/.well-known/openid-configuration`,
    requests,
    stop: () =>
      new Promise(resolve => {
        // Keep-alive connections from a backend would hold close() open.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
