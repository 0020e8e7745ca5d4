import { createHash, KeyObject, sign } from 'node:crypto';

/** The claims of an ID token the stub issuer signs (OpenID Connect Core §2). */
export interface IdTokenClaims {
  iss: string;
  sub: string;
  /** The client id the token is for. */
  aud: string;
  /** Seconds since the epoch. */
  iat: number;
  exp: number;
  auth_time: number;
  /** Echoed from the authorization request, so the client can match its login. */
  nonce?: string;
  email: string;
  email_verified: boolean;
  name: string;
}

function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString('base64url');
}

/** A compact JWS (RS256) over the claims, with the key id in the header. */
export function signRs256Jwt(
  claims: object,
  privateKey: KeyObject,
  kid: string,
): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const payload = base64url(JSON.stringify(claims));
  const signature = sign(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    privateKey,
  );
  return `${header}.${payload}.${base64url(signature)}`;
}

export type CodeChallengeMethod = 'S256' | 'plain';

/**
 * Whether the token request's code_verifier matches the authorization request's
 * code_challenge (RFC 7636 §4.6). Without a challenge PKCE was not used, and a
 * verifier sent anyway does not match anything.
 */
export function pkceMatches(
  challenge: { value: string; method: CodeChallengeMethod } | undefined,
  verifier: string | undefined,
): boolean {
  if (!challenge) return verifier === undefined;
  if (verifier === undefined) return false;
  const computed =
    challenge.method === 'S256'
      ? createHash('sha256').update(verifier).digest('base64url')
      : verifier;
  return computed === challenge.value;
}

/**
 * Client credentials from `Authorization: Basic` (client_secret_basic, the id and
 * secret form-urlencoded before base64, RFC 6749 §2.3.1) or from the form body
 * (client_secret_post).
 */
export function clientCredentials(
  authorization: string | undefined,
  form: URLSearchParams,
): { clientId: string; clientSecret: string } | undefined {
  if (authorization?.startsWith('Basic ')) {
    const decoded = Buffer.from(authorization.slice(6), 'base64').toString();
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    const decode = (part: string) =>
      decodeURIComponent(part.replace(/\+/g, ' '));
    try {
      return {
        clientId: decode(decoded.slice(0, colon)),
        clientSecret: decode(decoded.slice(colon + 1)),
      };
    } catch {
      return undefined;
    }
  }
  const clientId = form.get('client_id');
  const clientSecret = form.get('client_secret');
  return clientId !== null && clientSecret !== null
    ? { clientId, clientSecret }
    : undefined;
}
