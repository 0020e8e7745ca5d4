/**
 * The plugin's HTTP contract, assembled from one paths module per feature. Every
 * route is declared here; the router validates requests against it (undeclared query
 * parameters and malformed bodies are 400s) and serves it at
 * GET /api/prod-hardening/openapi.json.
 */
import { schemas } from './components';
import { approvalPaths } from './paths/approvals';
import { entityPaths } from './paths/entities';
import { exemptionPaths } from './paths/exemptions';
import { finopsPaths } from './paths/finops';
import { healthPaths } from './paths/health';
import { posturePaths } from './paths/posture';
import { guidedRemediationPaths } from './paths/guidedRemediation';
import { remediationPaths } from './paths/remediation';
import { runbookPaths } from './paths/runbooks';
import { successMetricsPaths } from './paths/successMetrics';
import { throttlingPaths } from './paths/throttling';

export const openApiSpec = {
  openapi: '3.1.0',
  info: {
    title: 'prod-hardening',
    version: '1',
    description:
      'AWS production hardening: posture, FinOps and message throttling, with guarded remediation.',
    license: {
      name: 'Apache-2.0',
      url: 'https://www.apache.org/licenses/LICENSE-2.0',
    },
  },
  servers: [{ url: '/' }],
  components: { schemas },
  paths: {
    ...healthPaths,
    ...posturePaths,
    ...remediationPaths,
    ...approvalPaths,
    ...guidedRemediationPaths,
    ...finopsPaths,
    ...throttlingPaths,
    ...successMetricsPaths,
    ...runbookPaths,
    ...entityPaths,
    ...exemptionPaths,
  },
} as const;
