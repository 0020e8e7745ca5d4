export interface Config {
  app?: {
    signIn?: {
      /**
       * Outside production, offer the company SSO (auth.providers.oidc for the
       * current auth.environment, which must be configured) beside the guest
       * sign-in; e.g. the e2e suite signs in as catalog users through a local
       * identity provider. Production offers the company SSO only, whatever this says.
       * @visibility frontend
       */
      companySsoBesideGuest?: boolean;
    };
  };
}
