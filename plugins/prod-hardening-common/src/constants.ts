/** The backend plugin id; routes live under /api/prod-hardening. */
export const PROD_HARDENING_PLUGIN_ID = 'prod-hardening';
