import type { Finding } from '@prod-hardening/plugin-prod-hardening-common';

/** The seeded web service, owned by team-web in catalog/huntaze.yaml. */
export const WEB_SERVICE_ARN =
  'arn:aws:ecs:us-east-1:123456789012:service/huntaze-web-production/web';

/** An open HIGH Security Hub finding on the web service; `over` changes any field. */
export function webServiceFinding(
  id: string,
  over: Partial<Finding> = {},
): Finding {
  return {
    id,
    title: 'ECS containers should run as non-privileged',
    severity: 'HIGH',
    product: 'Security Hub',
    controlId: 'ECS.4',
    workflowStatus: 'NEW',
    resourceType: 'AwsEcsService',
    resourceId: WEB_SERVICE_ARN,
    region: 'us-east-1',
    accountId: '123456789012',
    firstSeen: '2026-12-01T00:00:00Z',
    lastSeen: '2026-12-05T00:00:00Z',
    ...over,
  };
}
