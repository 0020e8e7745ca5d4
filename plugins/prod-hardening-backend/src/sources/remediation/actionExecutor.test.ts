import {
  BatchEnableStandardsCommand,
  EnableSecurityHubCommand,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import type { ActingUser, AwsClientFactory, RemediationAws } from '../../aws';
import type { RemediationAction } from '../../domain/remediation/actions';
import { RemediationActionExecutor } from './actionExecutor';

// moto_server has no standards API (BatchEnableStandards answers an HTML 404) and never
// answers EnableSecurityHub with ResourceConflictException, so these AWS answers are
// mocked; that each action sends its previewed parameters is checked against moto in
// services/remediation/previewedActions.test.ts.
const hub = mockClient(SecurityHubClient);

const FSBP =
  'arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0';
const ENABLE_HUB: RemediationAction = {
  service: 'securityhub',
  action: 'EnableSecurityHub',
  params: {
    EnableDefaultStandards: false,
    ControlFindingGenerator: 'SECURITY_CONTROL',
  },
};
const SUBSCRIBE_FSBP: RemediationAction = {
  service: 'securityhub',
  action: 'BatchEnableStandards',
  params: { StandardsSubscriptionRequests: [{ StandardsArn: FSBP }] },
};

const JANE: ActingUser = { userRef: 'user:default/jane.doe', planId: 'plan-1' };

/**
 * A factory whose `actingAs` hands out one (mocked) client and remembers for whom
 * each session was opened and whether a client was asked for outside one.
 */
function recordingFactory() {
  const client = new SecurityHubClient({ region: 'us-east-1' });
  const actors: ActingUser[] = [];
  const clientsOutsideSession: number[] = [];
  const factory = {
    region: 'us-east-1',
    accountId: '123456789012',
    client: () => {
      clientsOutsideSession.push(1);
      return client;
    },
    async actingAs<T>(
      actor: ActingUser,
      fn: (aws: RemediationAws) => Promise<T>,
    ): Promise<T> {
      actors.push(actor);
      return fn({
        region: 'us-east-1',
        accountId: '123456789012',
        actor,
        client: () => client,
      } as unknown as RemediationAws);
    },
    destroy: () => client.destroy(),
  } as unknown as AwsClientFactory;
  return { factory, actors, clientsOutsideSession };
}

describe('RemediationActionExecutor', () => {
  beforeEach(() => hub.reset());

  it('sends each action as previewed, in order, in one session acting for the user', async () => {
    hub.on(EnableSecurityHubCommand).resolves({});
    hub.on(BatchEnableStandardsCommand).resolves({
      StandardsSubscriptions: [
        {
          StandardsArn: FSBP,
          StandardsStatus: 'PENDING',
          StandardsSubscriptionArn: 'sub',
          StandardsInput: {},
        },
      ],
    });
    const { factory, actors, clientsOutsideSession } = recordingFactory();
    await new RemediationActionExecutor(factory).run(JANE, [
      ENABLE_HUB,
      SUBSCRIBE_FSBP,
    ]);
    expect(hub.calls().map(c => c.args[0].input)).toEqual([
      ENABLE_HUB.params,
      SUBSCRIBE_FSBP.params,
    ]);
    expect(actors).toEqual([JANE]);
    expect(clientsOutsideSession).toEqual([]);
  });

  it('fails with the standard and the reason AWS gives when the subscription FAILED', async () => {
    hub.on(BatchEnableStandardsCommand).resolves({
      StandardsSubscriptions: [
        {
          StandardsArn: FSBP,
          StandardsStatus: 'FAILED',
          StandardsStatusReason: {
            StatusReasonCode: 'NO_AVAILABLE_CONFIGURATION_RECORDER',
          },
          StandardsSubscriptionArn: 'sub',
          StandardsInput: {},
        },
      ],
    });
    const { factory } = recordingFactory();
    await expect(
      new RemediationActionExecutor(factory).run(JANE, [SUBSCRIBE_FSBP]),
    ).rejects.toThrow(
      `Security Hub could not subscribe to ${FSBP} (NO_AVAILABLE_CONFIGURATION_RECORDER)`,
    );
  });

  it('takes "already subscribed" as the hub enabled and goes on', async () => {
    const conflict = Object.assign(new Error('Account is already subscribed'), {
      name: 'ResourceConflictException',
    });
    hub.on(EnableSecurityHubCommand).rejects(conflict);
    hub.on(BatchEnableStandardsCommand).resolves({});
    const { factory } = recordingFactory();
    await expect(
      new RemediationActionExecutor(factory).run(JANE, [
        ENABLE_HUB,
        SUBSCRIBE_FSBP,
      ]),
    ).resolves.toBeUndefined();
    expect(hub.commandCalls(BatchEnableStandardsCommand)).toHaveLength(1);
  });

  it('stops at the first refusal: later actions are not sent', async () => {
    const denied = Object.assign(new Error('not authorized'), {
      name: 'AccessDeniedException',
    });
    hub.on(EnableSecurityHubCommand).rejects(denied);
    const { factory } = recordingFactory();
    await expect(
      new RemediationActionExecutor(factory).run(JANE, [
        ENABLE_HUB,
        SUBSCRIBE_FSBP,
      ]),
    ).rejects.toThrow('not authorized');
    expect(hub.commandCalls(BatchEnableStandardsCommand)).toHaveLength(0);
  });
});
