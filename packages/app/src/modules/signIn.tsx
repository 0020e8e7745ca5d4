import { OAuth2 } from '@backstage/core-app-api';
import {
  IdentityProviders,
  SignInPage,
  SignInProviderConfig,
} from '@backstage/core-components';
import {
  BackstageIdentityApi,
  ConfigApi,
  configApiRef,
  createApiRef,
  discoveryApiRef,
  oauthRequestApiRef,
  OpenIdConnectApi,
  ProfileInfoApi,
  SessionApi,
  SignInPageProps,
  useApi,
} from '@backstage/core-plugin-api';
import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

/** The company's OpenID Connect sign-in (auth.providers.oidc in the backend). */
export const oidcAuthApiRef = createApiRef<
  OpenIdConnectApi & ProfileInfoApi & BackstageIdentityApi & SessionApi
>({ id: 'internal.auth.oidc' });

const oidcAuthApi = ApiBlueprint.make({
  name: 'oidc',
  params: defineParams =>
    defineParams({
      api: oidcAuthApiRef,
      deps: {
        discoveryApi: discoveryApiRef,
        oauthRequestApi: oauthRequestApiRef,
        configApi: configApiRef,
      },
      factory: ({ discoveryApi, oauthRequestApi, configApi }) =>
        OAuth2.create({
          configApi,
          discoveryApi,
          oauthRequestApi,
          provider: { id: 'oidc', title: 'Company SSO', icon: () => null },
          environment: configApi.getOptionalString('auth.environment'),
          defaultScopes: ['openid', 'profile', 'email', 'offline_access'],
        }),
    }),
});

const oidcProvider: SignInProviderConfig = {
  id: 'oidc-auth-provider',
  title: 'Company SSO',
  message: 'Sign in with your company account',
  apiRef: oidcAuthApiRef,
};

/**
 * Production signs in through OIDC, local runs as the guest. auth.environment is the
 * one setting the browser sees that tells them apart: app-config.production.yaml sets
 * it to production, app-config.development.yaml (guest) to development. Outside
 * production, app.signIn.companySsoBesideGuest adds the SSO beside the guest, for a
 * development environment with auth.providers.oidc configured (the e2e suite signs in
 * as catalog users through a local identity provider that way).
 */
export function signInProviders(config: ConfigApi): IdentityProviders {
  if (config.getOptionalString('auth.environment') === 'production') {
    return [oidcProvider];
  }
  return config.getOptionalBoolean('app.signIn.companySsoBesideGuest')
    ? ['guest', oidcProvider]
    : ['guest'];
}

function PortalSignInPage(props: SignInPageProps) {
  const config = useApi(configApiRef);
  return <SignInPage {...props} auto providers={signInProviders(config)} />;
}

const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => props => <PortalSignInPage {...props} />,
  },
});

export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage, oidcAuthApi],
});
