import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { clientCredentials, pkceMatches, signRs256Jwt } from './tokens';

describe('signRs256Jwt', () => {
  it('signs header and claims with the private key, verifiable with the public one', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
    });
    const jwt = signRs256Jwt({ sub: 'sam', aud: 'portal' }, privateKey, 'k1');
    const [header, payload, signature] = jwt.split('.');

    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({
      alg: 'RS256',
      typ: 'JWT',
      kid: 'k1',
    });
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toEqual({
      sub: 'sam',
      aud: 'portal',
    });
    const signed = Buffer.from(`${header}.${payload}`);
    const sig = Buffer.from(signature, 'base64url');
    expect(verify('sha256', signed, publicKey, sig)).toBe(true);
    expect(verify('sha256', Buffer.from(`${header}.x`), publicKey, sig)).toBe(
      false,
    );
  });
});

describe('pkceMatches', () => {
  const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  // RFC 7636 appendix B's example.
  const s256 = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

  it('accepts the verifier whose SHA-256 is the S256 challenge', () => {
    expect(pkceMatches({ value: s256, method: 'S256' }, verifier)).toBe(true);
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(
      s256,
    );
  });

  it('refuses another verifier, a missing one, or one sent without a challenge', () => {
    expect(pkceMatches({ value: s256, method: 'S256' }, `${verifier}x`)).toBe(
      false,
    );
    expect(pkceMatches({ value: s256, method: 'S256' }, undefined)).toBe(false);
    expect(pkceMatches(undefined, verifier)).toBe(false);
    expect(pkceMatches(undefined, undefined)).toBe(true);
  });

  it('compares a plain challenge as is', () => {
    expect(pkceMatches({ value: verifier, method: 'plain' }, verifier)).toBe(
      true,
    );
  });
});

describe('clientCredentials', () => {
  it('reads client_secret_basic, form-urlencoded inside base64', () => {
    const header = `Basic ${Buffer.from('my%20app:s%3Acret').toString(
      'base64',
    )}`;
    expect(clientCredentials(header, new URLSearchParams())).toEqual({
      clientId: 'my app',
      clientSecret: 's:cret',
    });
  });

  it('reads client_secret_post from the form', () => {
    const form = new URLSearchParams({
      client_id: 'portal',
      client_secret: 'x',
    });
    expect(clientCredentials(undefined, form)).toEqual({
      clientId: 'portal',
      clientSecret: 'x',
    });
  });

  it('has none without either', () => {
    expect(clientCredentials(undefined, new URLSearchParams())).toBeUndefined();
    expect(
      clientCredentials(
        `Basic ${Buffer.from('no-colon').toString('base64')}`,
        new URLSearchParams(),
      ),
    ).toBeUndefined();
  });
});
