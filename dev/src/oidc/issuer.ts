import { generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { renderErrorPage, renderLoginPage, OidcUser } from './loginPage';
import {
  clientCredentials,
  CodeChallengeMethod,
  IdTokenClaims,
  pkceMatches,
  signRs256Jwt,
} from './tokens';

/** A relying party registered with the issuer, e.g. the portal's backend. */
export interface OidcClient {
  clientId: string;
  clientSecret: string;
  /** The only redirect_uri values /auth accepts, compared exactly. */
  redirectUris: string[];
}

export interface OidcIssuerOptions {
  /** Who can sign in (default: nobody, discovery and keys only). */
  users?: readonly OidcUser[];
  clients?: readonly OidcClient[];
}

export interface OidcIssuer {
  /** What AUTH_OIDC_METADATA_URL / auth.providers.oidc.*.metadataUrl points at. */
  metadataUrl: string;
  issuer: string;
  /** Paths requested, e.g. to see that discovery happened at start-up. */
  requests: string[];
  stop(): Promise<void>;
}

const KEY_ID = 'local-issuer';
const TOKEN_LIFETIME_SECONDS = 3600;
/** How long a login page or an authorization code stays usable. */
const PENDING_LIFETIME_MS = 10 * 60_000;
const MAX_FORM_BYTES = 64 * 1024;

interface AuthorizationRequest {
  client: OidcClient;
  redirectUri: string;
  scope: string;
  state?: string;
  nonce?: string;
  codeChallenge?: { value: string; method: CodeChallengeMethod };
  expiresAt: number;
}

interface Grant {
  user: OidcUser;
  client: OidcClient;
  scope: string;
  /** When the person chose who they are (the ID token's auth_time), seconds. */
  authTime: number;
}

const token = () => randomBytes(24).toString('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_FORM_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () =>
      resolve(new URLSearchParams(Buffer.concat(chunks).toString())),
    );
    req.on('error', reject);
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(JSON.stringify(body));
}

function sendHtml(res: ServerResponse, status: number, html: string) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(html);
}

function redirect(res: ServerResponse, location: URL) {
  res.writeHead(302, { location: location.toString() });
  res.end();
}

/**
 * A local OpenID Connect provider for tests: discovery, signing keys and the
 * authorization-code flow (PKCE, nonce, client_secret_basic or _post), refresh tokens
 * and userinfo, for a fixed list of users and clients, in memory.
 *
 * `/auth` shows a login page with one button per user; an authorization request with
 * `login_hint` naming a user (catalog name or email) skips the page and redirects at
 * once. `prompt=none` is answered `login_required`: the issuer keeps no login session.
 * ID tokens are RS256-signed with a key made at start (node:crypto only).
 */
export async function startOidcIssuer(
  options: OidcIssuerOptions = {},
): Promise<OidcIssuer> {
  const users = options.users ?? [];
  const clients = options.clients ?? [];
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
  });
  const jwk = {
    ...publicKey.export({ format: 'jwk' }),
    kid: KEY_ID,
    use: 'sig',
    alg: 'RS256',
  };
  const requests: string[] = [];
  const pendingLogins = new Map<string, AuthorizationRequest>();
  const codes = new Map<
    string,
    { request: AuthorizationRequest; grant: Grant }
  >();
  const accessTokens = new Map<string, Grant & { expiresAt: number }>();
  const refreshTokens = new Map<string, Grant>();
  let issuer = '';

  const findUser = (nameOrEmail: string) =>
    users.find(u => u.name === nameOrEmail || u.email === nameOrEmail);

  function discovery() {
    return {
      issuer,
      authorization_endpoint: `${issuer}/auth`,
      token_endpoint: `${issuer}/token`,
      userinfo_endpoint: `${issuer}/me`,
      jwks_uri: `${issuer}/jwks`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      token_endpoint_auth_methods_supported: [
        'client_secret_basic',
        'client_secret_post',
      ],
      code_challenge_methods_supported: ['S256', 'plain'],
      claims_supported: [
        'sub',
        'iss',
        'aud',
        'exp',
        'iat',
        'auth_time',
        'nonce',
        'email',
        'email_verified',
        'name',
      ],
    };
  }

  /** Sends the browser back to the client with a code for this user. */
  function approve(
    res: ServerResponse,
    request: AuthorizationRequest,
    user: OidcUser,
  ) {
    const code = token();
    codes.set(code, {
      request,
      grant: {
        user,
        client: request.client,
        scope: request.scope,
        authTime: nowSeconds(),
      },
    });
    const location = new URL(request.redirectUri);
    location.searchParams.set('code', code);
    if (request.state !== undefined) {
      location.searchParams.set('state', request.state);
    }
    redirect(res, location);
  }

  function authorize(res: ServerResponse, query: URLSearchParams) {
    // Until client and redirect_uri are known good, errors stay on this page: a
    // redirect would send them to an address nobody registered.
    const client = clients.find(c => c.clientId === query.get('client_id'));
    if (!client) {
      sendHtml(res, 400, renderErrorPage('Unknown client_id.'));
      return;
    }
    const redirectUri = query.get('redirect_uri') ?? '';
    if (!client.redirectUris.includes(redirectUri)) {
      sendHtml(
        res,
        400,
        renderErrorPage(
          `redirect_uri ${redirectUri || '(none)'} is not registered for ${
            client.clientId
          }.`,
        ),
      );
      return;
    }
    const state = query.get('state') ?? undefined;
    const fail = (error: string, description: string) => {
      const location = new URL(redirectUri);
      location.searchParams.set('error', error);
      location.searchParams.set('error_description', description);
      if (state !== undefined) location.searchParams.set('state', state);
      redirect(res, location);
    };
    if (query.get('response_type') !== 'code') {
      fail('unsupported_response_type', 'Only response_type=code.');
      return;
    }
    const scope = query.get('scope') ?? '';
    if (!scope.split(' ').includes('openid')) {
      fail('invalid_scope', 'The scope must include openid.');
      return;
    }
    const challenge = query.get('code_challenge');
    const method = query.get('code_challenge_method') ?? 'plain';
    if (challenge !== null && method !== 'S256' && method !== 'plain') {
      fail('invalid_request', 'code_challenge_method must be S256 or plain.');
      return;
    }
    const request: AuthorizationRequest = {
      client,
      redirectUri,
      scope,
      state,
      nonce: query.get('nonce') ?? undefined,
      codeChallenge:
        challenge === null
          ? undefined
          : { value: challenge, method: method as CodeChallengeMethod },
      expiresAt: Date.now() + PENDING_LIFETIME_MS,
    };
    const hinted = findUser(query.get('login_hint') ?? '');
    if (hinted) {
      approve(res, request, hinted);
      return;
    }
    if (query.get('prompt') === 'none') {
      fail('login_required', 'The local identity provider keeps no session.');
      return;
    }
    const requestId = token();
    pendingLogins.set(requestId, request);
    sendHtml(res, 200, renderLoginPage(requestId, client.clientId, users));
  }

  async function login(req: IncomingMessage, res: ServerResponse) {
    const form = await readForm(req);
    const requestId = form.get('request') ?? '';
    const request = pendingLogins.get(requestId);
    pendingLogins.delete(requestId);
    if (!request || request.expiresAt < Date.now()) {
      sendHtml(
        res,
        400,
        renderErrorPage(
          'This sign-in request is unknown or expired; start again from the application.',
        ),
      );
      return;
    }
    const user = findUser(form.get('user') ?? '');
    if (!user) {
      sendHtml(res, 400, renderErrorPage('Unknown user.'));
      return;
    }
    approve(res, request, user);
  }

  function tokensFor(grant: Grant, nonce: string | undefined) {
    const iat = nowSeconds();
    const claims: IdTokenClaims = {
      iss: issuer,
      sub: grant.user.name,
      aud: grant.client.clientId,
      iat,
      exp: iat + TOKEN_LIFETIME_SECONDS,
      auth_time: grant.authTime,
      ...(nonce !== undefined && { nonce }),
      email: grant.user.email,
      email_verified: true,
      name: grant.user.displayName ?? grant.user.name,
    };
    const accessToken = token();
    accessTokens.set(accessToken, {
      ...grant,
      expiresAt: Date.now() + TOKEN_LIFETIME_SECONDS * 1000,
    });
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: TOKEN_LIFETIME_SECONDS,
      scope: grant.scope,
      id_token: signRs256Jwt(claims, privateKey, KEY_ID),
    };
  }

  async function exchange(req: IncomingMessage, res: ServerResponse) {
    const form = await readForm(req);
    const credentials = clientCredentials(req.headers.authorization, form);
    const client = clients.find(
      c =>
        c.clientId === credentials?.clientId &&
        c.clientSecret === credentials.clientSecret,
    );
    if (!client) {
      sendJson(
        res,
        401,
        {
          error: 'invalid_client',
          error_description: 'Unknown client or wrong secret.',
        },
        { 'www-authenticate': 'Basic realm="token"' },
      );
      return;
    }
    const invalidGrant = (description: string) =>
      sendJson(res, 400, {
        error: 'invalid_grant',
        error_description: description,
      });
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') {
      const code = form.get('code') ?? '';
      const issued = codes.get(code);
      // A code is good once, whatever the outcome (RFC 6749 §4.1.2).
      codes.delete(code);
      if (!issued || issued.request.expiresAt < Date.now()) {
        invalidGrant('The code is unknown, used or expired.');
      } else if (issued.request.client !== client) {
        invalidGrant('The code was issued to another client.');
      } else if (form.get('redirect_uri') !== issued.request.redirectUri) {
        invalidGrant('redirect_uri differs from the authorization request.');
      } else if (
        !pkceMatches(
          issued.request.codeChallenge,
          form.get('code_verifier') ?? undefined,
        )
      ) {
        invalidGrant('code_verifier does not match the code_challenge.');
      } else {
        const offline = issued.grant.scope
          .split(' ')
          .includes('offline_access');
        const refreshToken = offline ? token() : undefined;
        if (refreshToken) refreshTokens.set(refreshToken, issued.grant);
        sendJson(res, 200, {
          ...tokensFor(issued.grant, issued.request.nonce),
          ...(refreshToken && { refresh_token: refreshToken }),
        });
      }
    } else if (grantType === 'refresh_token') {
      const refreshToken = form.get('refresh_token') ?? '';
      const grant = refreshTokens.get(refreshToken);
      if (!grant || grant.client !== client) {
        invalidGrant('The refresh token is unknown.');
      } else {
        sendJson(res, 200, {
          ...tokensFor(grant, undefined),
          refresh_token: refreshToken,
        });
      }
    } else {
      sendJson(res, 400, {
        error: 'unsupported_grant_type',
        error_description: 'authorization_code or refresh_token.',
      });
    }
  }

  function userinfo(req: IncomingMessage, res: ServerResponse) {
    const bearer = req.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
    const grant = bearer ? accessTokens.get(bearer) : undefined;
    if (!grant || grant.expiresAt < Date.now()) {
      sendJson(
        res,
        401,
        { error: 'invalid_token' },
        { 'www-authenticate': 'Bearer error="invalid_token"' },
      );
      return;
    }
    sendJson(res, 200, {
      sub: grant.user.name,
      email: grant.user.email,
      email_verified: true,
      name: grant.user.displayName ?? grant.user.name,
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    requests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', issuer);
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case 'GET /.well-known/openid-configuration':
        sendJson(res, 200, discovery());
        return;
      case 'GET /jwks':
        sendJson(res, 200, { keys: [jwk] });
        return;
      case 'GET /auth':
        authorize(res, url.searchParams);
        return;
      case 'POST /auth/login':
        await login(req, res);
        return;
      case 'POST /token':
        await exchange(req, res);
        return;
      case 'GET /me':
      case 'POST /me':
        userinfo(req, res);
        return;
      default:
        res.writeHead(404).end();
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(err => {
      if (!res.headersSent) {
        sendJson(res, 400, {
          error: 'invalid_request',
          error_description: String(err.message ?? err),
        });
      }
    });
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
