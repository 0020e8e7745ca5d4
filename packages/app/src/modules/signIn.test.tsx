import { mockApis } from '@backstage/frontend-test-utils';
import { signInProviders } from './signIn';

const ids = (providers: ReturnType<typeof signInProviders>) =>
  providers.map(p => (typeof p === 'string' ? p : p.id));

describe('signInProviders', () => {
  it('offers only the company SSO in production, even when asked for the guest beside it', () => {
    const config = mockApis.config({
      data: {
        auth: { environment: 'production' },
        app: { signIn: { companySsoBesideGuest: true } },
      },
    });
    expect(ids(signInProviders(config))).toEqual(['oidc-auth-provider']);
  });

  it('offers the guest outside production', () => {
    const config = mockApis.config({
      data: { auth: { environment: 'development' } },
    });
    expect(ids(signInProviders(config))).toEqual(['guest']);
  });

  it('offers the guest and the company SSO outside production when configured', () => {
    const config = mockApis.config({
      data: {
        auth: { environment: 'development' },
        app: { signIn: { companySsoBesideGuest: true } },
      },
    });
    expect(ids(signInProviders(config))).toEqual([
      'guest',
      'oidc-auth-provider',
    ]);
  });
});
