/**
 * Backstage backend plugin for AWS production hardening.
 *
 * @packageDocumentation
 */
export { prodHardeningPlugin as default } from './plugin';
export { readProdHardeningConfig, ProdHardeningConfigError } from './config';
export type { ProdHardeningConfig } from './config';
export { evaluateAccountPosture } from './services/posture/evaluateAccountPosture';
/** The session tag keys the remediation role's trust policy must allow (Terraform checks). */
export { SESSION_TAG_KEYS } from './aws';
/** The portal's Redis ACL access string (Terraform checks compare the RBAC user with it). */
export { portalAccessString } from './redis';
