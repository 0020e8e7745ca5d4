export { startOidcIssuer } from './issuer';
export type { OidcIssuer, OidcIssuerOptions, OidcClient } from './issuer';
export type { OidcUser } from './loginPage';
export { readCatalogUsers } from './catalogUsers';
