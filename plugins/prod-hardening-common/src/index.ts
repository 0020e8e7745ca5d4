/**
 * Wire types, permissions and constants shared by the prod-hardening frontend and
 * backend plugins. No AWS SDK or Node imports here: this package ships to the browser.
 *
 * @packageDocumentation
 */
export * from './constants';
export * from './finops';
export * from './anomalyFeedback';
export * from './health';
export * from './posture';
export * from './remediation';
export * from './fixCost';
export * from './throttling';
export * from './guidedRemediation';
export * from './optimisation';
export * from './successMetrics';
export * from './runbooks';
export * from './permissions';
export * from './entityAnnotations';
export * from './entities';
export * from './exemptions';
export * from './approvals';
// The contract's types as generated from the backend's openapi.yaml; the wire types
// above that the contract fully describes are aliases of these.
export type {
  paths as OpenApiPaths,
  components as OpenApiComponents,
  operations as OpenApiOperations,
} from './schema/openapi';
