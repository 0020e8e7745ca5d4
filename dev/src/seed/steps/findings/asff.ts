import { createHash } from 'node:crypto';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { ControlEvaluation } from './controls';
import type { ThreatEvent } from './threats';
import type { FindingsInput } from './types';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const ASFF_SCHEMA_VERSION = '2018-10-08';
const COMPLIANCE_TYPE =
  'Software and Configuration Checks/Industry and Regulatory Standards/AWS-Foundational-Security-Best-Practices';

/**
 * Stable finding ids (a UUID-shaped hash of what the finding is about), so importing
 * the same story again updates the findings instead of adding copies.
 */
export function stableFindingUuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('|')).digest('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `4${hex.slice(13, 16)}`,
    `a${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}

const iso = (now: Date, msAgo: number) =>
  new Date(now.getTime() - msAgo).toISOString();

function resource(input: FindingsInput, type: string, id: string) {
  return [
    { Type: type, Id: id, Partition: 'aws' as const, Region: input.region },
  ];
}

/**
 * A control result as Security Hub reports it: a passed control is INFORMATIONAL and
 * RESOLVED, a failed one keeps the control's severity and stays open.
 */
export function buildControlFinding(
  input: FindingsInput,
  c: ControlEvaluation,
): AwsSecurityFinding {
  const { accountId, region, now } = input;
  const { control } = c;
  const passed = c.status === 'PASSED';
  return {
    SchemaVersion: ASFF_SCHEMA_VERSION,
    Id: `arn:aws:securityhub:${region}:${accountId}:security-control/${
      control.id
    }/finding/${stableFindingUuid(control.id, c.resourceId)}`,
    ProductArn: `arn:aws:securityhub:${region}::product/aws/securityhub`,
    ProductName: 'Security Hub',
    CompanyName: 'AWS',
    GeneratorId: `security-control/${control.id}`,
    AwsAccountId: accountId,
    Region: region,
    Types: [COMPLIANCE_TYPE],
    FirstObservedAt: iso(now, c.firstSeenDaysAgo * DAY_MS),
    CreatedAt: iso(now, c.firstSeenDaysAgo * DAY_MS),
    // Security Hub re-evaluates controls continuously: last seen a few hours ago.
    LastObservedAt: iso(now, 3 * HOUR_MS),
    UpdatedAt: iso(now, 3 * HOUR_MS),
    Severity: passed
      ? { Label: 'INFORMATIONAL', Original: control.severity }
      : { Label: control.severity, Original: control.severity },
    Title: control.title,
    Description: `This AWS control checks: ${control.title}.`,
    Remediation: {
      Recommendation: {
        Text: `For information on how to correct this issue, consult the AWS Security Hub controls documentation for ${control.id}.`,
        Url: `https://docs.aws.amazon.com/console/securityhub/${control.id}/remediation`,
      },
    },
    Resources: resource(input, c.resourceType, c.resourceId),
    Compliance: { Status: c.status, SecurityControlId: control.id },
    Workflow: { Status: passed ? 'RESOLVED' : 'NEW' },
    WorkflowState: passed ? 'RESOLVED' : 'NEW',
    RecordState: 'ACTIVE',
  };
}

/** A GuardDuty finding as it arrives in Security Hub (product "GuardDuty"). */
export function buildThreatFinding(
  input: FindingsInput,
  t: ThreatEvent,
): AwsSecurityFinding {
  const { accountId, region, now } = input;
  // GuardDuty finding ids are 32 hex characters; the detector id is the same shape.
  const findingId = stableFindingUuid(
    'guardduty',
    t.findingType,
    t.resourceId,
    t.remoteIp ?? '',
  ).replace(/-/g, '');
  const detectorId = stableFindingUuid('guardduty-detector', accountId).replace(
    /-/g,
    '',
  );
  return {
    SchemaVersion: ASFF_SCHEMA_VERSION,
    Id: `arn:aws:guardduty:${region}:${accountId}:detector/${detectorId}/finding/${findingId}`,
    ProductArn: `arn:aws:securityhub:${region}::product/aws/guardduty`,
    ProductName: 'GuardDuty',
    CompanyName: 'Amazon',
    GeneratorId: `arn:aws:guardduty:${region}:${accountId}:detector/${detectorId}`,
    AwsAccountId: accountId,
    Region: region,
    Types: [t.asffType],
    FirstObservedAt: iso(now, t.firstSeenDaysAgo * DAY_MS),
    LastObservedAt: iso(now, t.lastSeenDaysAgo * DAY_MS),
    CreatedAt: iso(now, t.firstSeenDaysAgo * DAY_MS),
    UpdatedAt: iso(now, t.lastSeenDaysAgo * DAY_MS),
    Severity: { Label: t.severity, Original: String(t.score) },
    Title: t.title,
    Description: t.description,
    ProductFields: {
      'aws/guardduty/service/additionalInfo/type': t.findingType,
      'aws/guardduty/service/count': String(t.count),
    },
    ...(t.remoteIp
      ? {
          Action: {
            ActionType: 'AWS_API_CALL',
            AwsApiCallAction: {
              RemoteIpDetails: { IpAddressV4: t.remoteIp },
            },
          },
        }
      : {}),
    Resources: resource(input, t.resourceType, t.resourceId),
    Workflow: { Status: t.workflow },
    WorkflowState: t.workflow === 'RESOLVED' ? 'RESOLVED' : 'NEW',
    RecordState: 'ACTIVE',
  };
}
