import {
  CloudTrailClient,
  StartLoggingCommand,
  UpdateTrailCommand,
} from '@aws-sdk/client-cloudtrail';
import {
  CloudWatchLogsClient,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  DynamoDBClient,
  UpdateContinuousBackupsCommand,
} from '@aws-sdk/client-dynamodb';
import { ECSClient, UpdateClusterCommand } from '@aws-sdk/client-ecs';
import {
  CreateDetectorCommand,
  GuardDutyClient,
  UpdateDetectorCommand,
} from '@aws-sdk/client-guardduty';
import {
  PutPublicAccessBlockCommand,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import {
  BatchEnableStandardsCommand,
  EnableSecurityHubCommand,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { ActingUser, AwsClientFactory, RemediationAws } from '../../aws';
import type {
  RemediationAction,
  RemediationActionKind,
  RemediationActionOf,
} from '../../domain/remediation/actions';

type Params<K extends RemediationActionKind> = RemediationActionOf<K>['params'];

/** Sends the one SDK command of an action kind, with the remediation role acting for a user. */
type SendAction<K extends RemediationActionKind> = (
  aws: RemediationAws,
  params: Params<K>,
) => Promise<void>;

/**
 * Every AWS write a remediation can make: one SDK command per action kind, sent with
 * the action's parameters as they are (`new XCommand(params)` is where the compiler
 * checks that each schema's type fits the SDK input). Only the answer is interpreted,
 * where AWS reports a failure in a successful response or the goal was reached anyway.
 */
const SEND: { [K in RemediationActionKind]: SendAction<K> } = {
  PutPublicAccessBlock: async (aws, params) => {
    await aws
      .client(S3ControlClient, { accountIdInHost: true })
      .send(new PutPublicAccessBlockCommand(params));
  },
  CreateDetector: async (aws, params) => {
    await aws.client(GuardDutyClient).send(new CreateDetectorCommand(params));
  },
  UpdateDetector: async (aws, params) => {
    await aws.client(GuardDutyClient).send(new UpdateDetectorCommand(params));
  },
  UpdateTrail: async (aws, params) => {
    await aws.client(CloudTrailClient).send(new UpdateTrailCommand(params));
  },
  StartLogging: async (aws, params) => {
    await aws.client(CloudTrailClient).send(new StartLoggingCommand(params));
  },
  // UpdateCluster (not UpdateClusterSettings): same effect on AWS, one call shape everywhere.
  UpdateCluster: async (aws, params) => {
    await aws.client(ECSClient).send(new UpdateClusterCommand(params));
  },
  UpdateContinuousBackups: async (aws, params) => {
    await aws
      .client(DynamoDBClient)
      .send(new UpdateContinuousBackupsCommand(params));
  },
  SetQueueAttributes: async (aws, params) => {
    await aws.client(SQSClient).send(new SetQueueAttributesCommand(params));
  },
  PutRetentionPolicy: async (aws, params) => {
    await aws
      .client(CloudWatchLogsClient)
      .send(new PutRetentionPolicyCommand(params));
  },
  // A hub enabled meanwhile (ResourceConflictException) is the goal too.
  EnableSecurityHub: async (aws, params) => {
    try {
      await aws
        .client(SecurityHubClient)
        .send(new EnableSecurityHubCommand(params));
    } catch (err) {
      if ((err as Error).name !== 'ResourceConflictException') throw err;
    }
  },
  // AWS answers 200 and reports a subscription it could not make as FAILED.
  BatchEnableStandards: async (aws, params) => {
    const out = await aws
      .client(SecurityHubClient)
      .send(new BatchEnableStandardsCommand(params));
    const failed = (out.StandardsSubscriptions ?? []).filter(
      s => s.StandardsStatus === 'FAILED',
    );
    if (failed.length > 0) {
      throw new Error(
        `Security Hub could not subscribe to ${failed
          .map(
            s =>
              `${s.StandardsArn} (${
                s.StandardsStatusReason?.StatusReasonCode ?? 'no reason given'
              })`,
          )
          .join(', ')}`,
      );
    }
  },
};

/** Runs a plan's actions as a user; the seam RemediationService executes through. */
export interface RemediationActionRunner {
  run(actor: ActingUser, actions: readonly RemediationAction[]): Promise<void>;
}

/**
 * The generic executor: runs previewed actions in order, exactly as they are, and
 * stops at the first one AWS refuses (the later ones depend on it, e.g. a trail is
 * updated before it starts logging). Every action is sent with clients from
 * `actingAs(actor)`: the remediation role assumed with the user as SourceIdentity and
 * the user and plan as session tags, so CloudTrail names who made each change.
 */
export class RemediationActionExecutor implements RemediationActionRunner {
  constructor(private readonly aws: Pick<AwsClientFactory, 'actingAs'>) {}

  run(actor: ActingUser, actions: readonly RemediationAction[]): Promise<void> {
    return this.aws.actingAs(actor, async remediation => {
      for (const action of actions) await send(remediation, action);
    });
  }
}

function send<K extends RemediationActionKind>(
  aws: RemediationAws,
  action: RemediationActionOf<K>,
): Promise<void> {
  const sendAction = SEND[action.action as K] as SendAction<K>;
  return sendAction(aws, action.params as Params<K>);
}
