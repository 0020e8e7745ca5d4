import { cloudTrailMeta } from '../../checks/cloudTrail/meta';
import { containerInsightsMeta } from '../../checks/containerInsights/meta';
import { sqsEncryptionMeta } from '../../checks/sqsEncryption/meta';
import { logRetentionMeta } from '../../checks/logRetention/meta';
import { accountPublicAccessBlockMeta } from '../../checks/accountPublicAccessBlock/meta';
import { dynamoDbPitrMeta } from '../../checks/dynamoDbPitr/meta';
import { dynamoDbTtlMeta } from '../../checks/dynamoDbTtl/meta';
import { securityHubMeta } from '../../checks/securityHub/meta';
import { guardDutyMeta } from '../../checks/guardDuty/meta';
import { elastiCacheEncryptionMeta } from '../../checks/elastiCacheEncryption/meta';
import { rdsForceSslMeta } from '../../checks/rdsForceSsl/meta';
import { secretsRotationMeta } from '../../checks/secretsRotation/meta';
import { gatewayEndpointsMeta } from '../../checks/gatewayEndpoints/meta';
import { alarmsMeta } from '../../checks/alarms/meta';
import { ecsTaskRolesMeta } from '../../checks/ecsTaskRoles/meta';
import { snsEncryptionMeta } from '../../checks/snsEncryption/meta';
import type { CheckMeta } from './checkMeta';

export type { CheckMeta } from './checkMeta';

/**
 * The posture checks: the seed's security runbook plus the hygiene the hardening plan
 * asks for. Severities follow the seed's risk ranking (public S3 and unencrypted Redis
 * first), not only FSBP's defaults.
 */
export const CHECKS = {
  s3AccountPublicAccessBlock: accountPublicAccessBlockMeta,
  guardDutyEnabled: guardDutyMeta,
  securityHubFsbp: securityHubMeta,
  cloudTrailMultiRegion: cloudTrailMeta,
  elastiCacheEncryption: elastiCacheEncryptionMeta,
  rdsForceSsl: rdsForceSslMeta,
  logRetention: logRetentionMeta,
  ecsContainerInsights: containerInsightsMeta,
  dynamoDbPitr: dynamoDbPitrMeta,
  dynamoDbTtl: dynamoDbTtlMeta,
  sqsEncryption: sqsEncryptionMeta,
  secretsRotation: secretsRotationMeta,
  gatewayEndpoints: gatewayEndpointsMeta,
  alarms: alarmsMeta,
  ecsTaskRoles: ecsTaskRolesMeta,
  snsEncryption: snsEncryptionMeta,
  ecsServiceResilience: {
    id: 'ecs-service-resilience',
    title:
      'The ECS services roll back failed deployments and scale on CPU and memory',
    pillar: 'observability',
    control: 'baseline',
    severity: 'MEDIUM',
    remediation: {
      kind: 'manual',
      why: "The Terraform module owns each service's circuit breaker, task range and scaling targets (ecs_services.tf), set below the CPU and memory alarms; changed by hand they drift from the reviewed values, and the next apply puts them back.",
    },
  },
  s3IntelligentTiering: {
    id: 's3-intelligent-tiering',
    title:
      'The named buckets move objects to Intelligent-Tiering and expire noncurrent versions',
    pillar: 'finops-hygiene',
    control: 'S3.13',
    severity: 'LOW',
    remediation: {
      kind: 'manual',
      why: "A bucket has one lifecycle configuration and writing it replaces every rule in it: the module's rules (s3_intelligent_tiering.tf) are applied after carrying the bucket's own rules over.",
    },
  },
  costAnomalyDetection: {
    id: 'cost-anomaly-detection',
    title: 'Cost Anomaly Detection alerts the cost topic',
    pillar: 'finops-hygiene',
    control: 'baseline',
    severity: 'MEDIUM',
    remediation: {
      kind: 'manual',
      why: 'An account has at most one AWS-services monitor, and the subscription needs the cost topic to allow Cost Anomaly Detection to publish: the module (cost_anomaly.tf) imports or creates both with the topic policy.',
    },
  },
  lambdaAliasInUse: {
    id: 'lambda-alias-in-use',
    title: 'The rate limiter runs through its alias on a published version',
    pillar: 'observability',
    control: 'baseline',
    severity: 'MEDIUM',
    remediation: {
      kind: 'manual',
      why: 'Moving the event source mapping changes which code processes the messages: the module (lambda.tf) publishes the version, points the alias at it and maps the queue to the alias in one reviewed apply.',
    },
  },
} as const satisfies Record<string, CheckMeta>;

export type CheckKey = keyof typeof CHECKS;
