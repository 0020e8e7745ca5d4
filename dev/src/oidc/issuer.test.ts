import { createHash, createPublicKey, JsonWebKey, verify } from 'node:crypto';
import { resolve } from 'node:path';
import { readCatalogUsers } from './catalogUsers';
import { OidcIssuer, startOidcIssuer } from './issuer';

const CLIENT = {
  clientId: 'portal',
  clientSecret: 'portal-secret',
  redirectUris: ['http://localhost:7007/api/auth/oidc/handler/frame'],
};
const REDIRECT_URI = CLIENT.redirectUris[0];
const VERIFIER = 'a-code-verifier-long-enough-for-rfc-7636-0123456789';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');
const BASIC = `Basic ${Buffer.from('portal:portal-secret').toString('base64')}`;

function decodePart(part: string) {
  return JSON.parse(Buffer.from(part, 'base64url').toString());
}

describe('startOidcIssuer', () => {
  let issuer: OidcIssuer;

  beforeAll(async () => {
    issuer = await startOidcIssuer({
      users: readCatalogUsers(
        resolve(__dirname, '..', '..', '..', 'catalog', 'huntaze.yaml'),
      ),
      clients: [CLIENT],
    });
  });
  afterAll(() => issuer.stop());

  function authorizeUrl(params: Record<string, string> = {}) {
    const url = new URL(`${issuer.issuer}/auth`);
    for (const [key, value] of Object.entries({
      client_id: 'portal',
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'openid profile email offline_access',
      state: 'opaque-state',
      nonce: 'the-nonce',
      code_challenge: CHALLENGE,
      code_challenge_method: 'S256',
      ...params,
    })) {
      url.searchParams.set(key, value);
    }
    return url;
  }

  /** Opens the login page and chooses the user; the redirect back to the client. */
  async function chooseUser(user: string, params?: Record<string, string>) {
    const page = await fetch(authorizeUrl(params), { redirect: 'manual' });
    expect(page.status).toBe(200);
    const html = await page.text();
    const requestId = html.match(/name="request" value="([^"]+)"/)?.[1] ?? '';
    const chosen = await fetch(`${issuer.issuer}/auth/login`, {
      method: 'POST',
      body: new URLSearchParams({ request: requestId, user }),
      redirect: 'manual',
    });
    expect(chosen.status).toBe(302);
    return new URL(chosen.headers.get('location') ?? '');
  }

  function exchange(form: Record<string, string>, authorization = BASIC) {
    return fetch(`${issuer.issuer}/token`, {
      method: 'POST',
      headers: { authorization },
      body: new URLSearchParams(form),
    });
  }

  it('publishes discovery with its endpoints, PKCE and RS256', async () => {
    const res = await fetch(issuer.metadataUrl);
    const doc = await res.json();
    expect(doc).toMatchObject({
      issuer: issuer.issuer,
      authorization_endpoint: `${issuer.issuer}/auth`,
      token_endpoint: `${issuer.issuer}/token`,
      userinfo_endpoint: `${issuer.issuer}/me`,
      jwks_uri: `${issuer.issuer}/jwks`,
      id_token_signing_alg_values_supported: ['RS256'],
    });
    expect(doc.code_challenge_methods_supported).toContain('S256');
    expect(issuer.requests).toContain('/.well-known/openid-configuration');
  });

  it('lists each catalog user with an email on the login page, not the guest', async () => {
    const html = await (await fetch(authorizeUrl())).text();
    for (const name of ['dana', 'fiona', 'sam', 'wendy', 'amir']) {
      expect(html).toContain(`value="${name}"`);
    }
    expect(html).toContain('sam@huntaze.example');
    expect(html).not.toContain('value="guest"');
  });

  it('signs sam in: code and state back to the client, then a signed ID token, userinfo and a refresh', async () => {
    const back = await chooseUser('sam');
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
    expect(back.searchParams.get('state')).toBe('opaque-state');
    const code = back.searchParams.get('code') ?? '';

    const res = await exchange({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: VERIFIER,
    });
    expect(res.status).toBe(200);
    const tokens = await res.json();
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(tokens.refresh_token).toEqual(expect.any(String));

    const [header, payload, signature] = tokens.id_token.split('.');
    const { keys } = await (await fetch(`${issuer.issuer}/jwks`)).json();
    const key = keys.find(
      (k: { kid: string }) => k.kid === decodePart(header).kid,
    );
    expect(decodePart(header).alg).toBe('RS256');
    expect(
      verify(
        'sha256',
        Buffer.from(`${header}.${payload}`),
        createPublicKey({ key: key as JsonWebKey, format: 'jwk' }),
        Buffer.from(signature, 'base64url'),
      ),
    ).toBe(true);
    const claims = decodePart(payload);
    expect(claims).toMatchObject({
      iss: issuer.issuer,
      aud: 'portal',
      sub: 'sam',
      email: 'sam@huntaze.example',
      email_verified: true,
      name: 'Sam (security)',
      nonce: 'the-nonce',
    });
    expect(claims.exp - claims.iat).toBe(3600);

    const me = await fetch(`${issuer.issuer}/me`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(await me.json()).toEqual({
      sub: 'sam',
      email: 'sam@huntaze.example',
      email_verified: true,
      name: 'Sam (security)',
    });

    const refreshed = await exchange({
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    const again = await refreshed.json();
    expect(decodePart(again.id_token.split('.')[1])).toMatchObject({
      sub: 'sam',
    });
    expect(decodePart(again.id_token.split('.')[1]).nonce).toBeUndefined();

    // The code was good once.
    const reused = await exchange({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: VERIFIER,
    });
    expect(reused.status).toBe(400);
    expect((await reused.json()).error).toBe('invalid_grant');
  });

  it('accepts the client secret in the form (client_secret_post)', async () => {
    const code = (await chooseUser('dana')).searchParams.get('code') ?? '';
    const res = await exchange(
      {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: VERIFIER,
        client_id: 'portal',
        client_secret: 'portal-secret',
      },
      '',
    );
    expect(res.status).toBe(200);
  });

  it('refuses a wrong client secret with invalid_client', async () => {
    const code = (await chooseUser('sam')).searchParams.get('code') ?? '';
    const res = await exchange(
      {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: VERIFIER,
      },
      `Basic ${Buffer.from('portal:wrong').toString('base64')}`,
    );
    expect(res.status).toBe(401);
    expect((await res.json()).error).toBe('invalid_client');
  });

  it('refuses a code without the matching code_verifier', async () => {
    const code = (await chooseUser('sam')).searchParams.get('code') ?? '';
    const res = await exchange({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: `${VERIFIER}-other`,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: 'invalid_grant',
      error_description: 'code_verifier does not match the code_challenge.',
    });
  });

  it('does not redirect to an unregistered redirect_uri', async () => {
    const res = await fetch(
      authorizeUrl({ redirect_uri: 'http://evil.example/cb' }),
      { redirect: 'manual' },
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('is not registered for portal');
  });

  it('skips the page for a login_hint naming a user, and answers prompt=none with login_required', async () => {
    const hinted = await fetch(
      authorizeUrl({ login_hint: 'wendy@huntaze.example' }),
      { redirect: 'manual' },
    );
    expect(hinted.status).toBe(302);
    const code =
      new URL(hinted.headers.get('location') ?? '').searchParams.get('code') ??
      '';
    const tokens = await (
      await exchange({
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: VERIFIER,
      })
    ).json();
    expect(decodePart(tokens.id_token.split('.')[1]).sub).toBe('wendy');

    const silent = await fetch(authorizeUrl({ prompt: 'none' }), {
      redirect: 'manual',
    });
    const location = new URL(silent.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('login_required');
    expect(location.searchParams.get('state')).toBe('opaque-state');
  });

  it('answers userinfo without a valid access token with 401', async () => {
    const res = await fetch(`${issuer.issuer}/me`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(res.status).toBe(401);
  });
});
