import type { RemediationAction } from './actions';

/** Where the account's resources live: what an ARN built from a name needs. */
export interface AccountScope {
  partition: string;
  accountId: string;
  region: string;
}

/**
 * The ARN of the account itself (its root principal). Account- and region-wide
 * settings (S3 account Block Public Access, GuardDuty, Security Hub) belong to no
 * single resource: they are owned by whichever catalog entity lists this ARN.
 */
export function accountArn(scope: AccountScope): string {
  return `arn:${scope.partition}:iam::${scope.accountId}:root`;
}

/**
 * The AWS resources a list of actions changes, as ARNs, each once, in the order the
 * actions touch them: what ownership is checked on before a plan runs. Actions name
 * resources as their API takes them (a table name, a queue URL, a trail name or ARN);
 * the ARN is built from that name and the account.
 */
export function affectedResourceArns(
  actions: RemediationAction[],
  scope: AccountScope,
): string[] {
  const { partition, accountId, region } = scope;
  const arn = (service: string, resource: string) =>
    `arn:${partition}:${service}:${region}:${accountId}:${resource}`;
  const arns = actions.map((action): string => {
    switch (action.action) {
      case 'PutPublicAccessBlock':
      case 'CreateDetector':
      case 'UpdateDetector':
      case 'EnableSecurityHub':
      case 'BatchEnableStandards':
        return accountArn(scope);
      case 'UpdateTrail':
      case 'StartLogging':
        return action.params.Name.startsWith('arn:')
          ? action.params.Name
          : arn('cloudtrail', `trail/${action.params.Name}`);
      case 'UpdateCluster':
        return action.params.cluster.startsWith('arn:')
          ? action.params.cluster
          : arn('ecs', `cluster/${action.params.cluster}`);
      case 'UpdateContinuousBackups':
        return arn('dynamodb', `table/${action.params.TableName}`);
      case 'SetQueueAttributes':
        return queueArn(action.params.QueueUrl, scope);
      case 'PutRetentionPolicy':
        return arn('logs', `log-group:${action.params.logGroupName}`);
      default:
        return assertNever(action);
    }
  });
  return [...new Set(arns)];
}

/**
 * A queue's ARN from its URL (https://sqs.<region>.amazonaws.com/<account>/<name>, or
 * an endpoint's http://host:port/<account>/<name>): the account is the URL's, the
 * region the account's.
 */
export function queueArn(queueUrl: string, scope: AccountScope): string {
  const path = new URL(queueUrl).pathname.split('/').filter(Boolean);
  const name = path[path.length - 1] ?? '';
  const account = path.length >= 2 ? path[path.length - 2] : scope.accountId;
  return `arn:${scope.partition}:sqs:${scope.region}:${account}:${name}`;
}

function assertNever(action: never): never {
  throw new Error(`Unknown remediation action ${JSON.stringify(action)}`);
}
