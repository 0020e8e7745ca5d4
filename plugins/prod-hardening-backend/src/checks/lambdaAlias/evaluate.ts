import type { ResourceEvidence } from '@prod-hardening/plugin-prod-hardening-common';
import type { Evaluation } from '../../domain/posture/evaluation';
import { worstStatus } from '../../domain/posture/evaluation';

export interface LambdaAliasFacts {
  functionName: string;
  aliasName: string;
  /** The queue whose event source mappings should invoke the alias. */
  queueArn: string;
  functionFound: boolean;
  alias?: {
    arn: string;
    /** A published version number, or $LATEST. */
    functionVersion: string;
    /** Weighted routing to a second version (a canary), version → share 0..1. */
    additionalVersionWeights?: Record<string, number>;
  };
  /** The queue's event source mappings that invoke this function (any qualifier). */
  mappings: Array<{ uuid: string; functionArn: string; state?: string }>;
}

/**
 * The qualifier of a function ARN: `arn:aws:lambda:r:a:function:name[:qualifier]`.
 * Undefined for the unqualified function, which always runs $LATEST.
 */
export function qualifierOf(functionArn: string): string | undefined {
  return functionArn.split(':')[7];
}

const queueName = (arn: string) => arn.split(':').pop() ?? arn;

function aliasResource(f: LambdaAliasFacts): ResourceEvidence {
  const resourceType = 'AwsLambdaAlias';
  if (!f.alias) {
    return {
      resourceId: `${f.functionName}:${f.aliasName}`,
      resourceType,
      status: 'FAIL',
      evidence: `function ${f.functionName} has no alias ${f.aliasName}: a rollback means a redeploy`,
    };
  }
  const { arn, functionVersion, additionalVersionWeights = {} } = f.alias;
  if (functionVersion === '$LATEST') {
    return {
      resourceId: arn,
      resourceType,
      status: 'FAIL',
      evidence: `alias ${f.aliasName} → $LATEST: every deploy goes live at once and there is no published version to roll back to`,
    };
  }
  const canary = Object.entries(additionalVersionWeights)
    .map(([v, w]) => `${Math.round(w * 100)}% on version ${v}`)
    .join(', ');
  return {
    resourceId: arn,
    resourceType,
    status: 'PASS',
    evidence: `alias ${f.aliasName} → version ${functionVersion}${
      canary ? ` (${canary})` : ''
    }`,
  };
}

function mappingResource(
  f: LambdaAliasFacts,
  m: LambdaAliasFacts['mappings'][number],
): ResourceEvidence {
  const qualifier = qualifierOf(m.functionArn);
  const invokes =
    qualifier === undefined
      ? 'the unqualified function ($LATEST)'
      : /^\d+$/.test(qualifier)
      ? `version ${qualifier} directly`
      : `alias ${qualifier}`;
  const evidence = `mapping ${m.uuid} from ${queueName(
    f.queueArn,
  )} invokes ${invokes}${m.state ? ` (${m.state})` : ''}`;
  const resource = {
    resourceId: m.uuid,
    resourceType: 'AwsLambdaEventSourceMapping',
  };
  if (qualifier === f.aliasName) {
    return { ...resource, status: 'PASS', evidence };
  }
  return {
    ...resource,
    status: 'FAIL',
    evidence: `${evidence}: moving alias ${f.aliasName} does not change what it runs`,
  };
}

/**
 * The seed's Lambda rollback: the rate limiter's SQS event source mapping invokes the
 * alias, and the alias points at a published version, so rolling back is one alias
 * update to the previous version. A mapping on the bare function (or on a version)
 * keeps running whatever it ran, whatever the alias says.
 */
export function evaluateLambdaAlias(f: LambdaAliasFacts): Evaluation {
  if (!f.functionFound) {
    return {
      status: 'WARN',
      summary: `The rate-limiter function ${f.functionName} does not exist in this account and region.`,
      resources: [
        {
          resourceId: f.functionName,
          resourceType: 'AwsLambdaFunction',
          status: 'WARN',
          evidence: `function ${f.functionName} not found`,
        },
      ],
    };
  }
  const alias = aliasResource(f);
  const mappings = f.mappings.length
    ? f.mappings.map(m => mappingResource(f, m))
    : [
        {
          resourceId: f.queueArn,
          resourceType: 'AwsSqsQueue',
          status: 'FAIL' as const,
          evidence: `no event source mapping from ${queueName(f.queueArn)} to ${
            f.functionName
          }: nothing consumes the queue`,
        },
      ];
  const resources = [alias, ...mappings];
  const mappingsFail = mappings.some(m => m.status === 'FAIL');
  const summary =
    alias.status !== 'PASS'
      ? `The rate limiter has no alias ${f.aliasName} on a published version to roll back with.`
      : mappingsFail
      ? `The SQS event source mapping bypasses the ${f.aliasName} alias: rolling the alias back would not change what processes the messages.`
      : `The SQS event source mapping invokes the ${
          f.aliasName
        } alias on version ${
          f.alias!.functionVersion
        }: a rollback is one alias update.`;
  return {
    status: worstStatus(resources.map(r => r.status)),
    summary,
    resources,
  };
}
