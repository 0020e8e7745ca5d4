import {
  BatchEnableStandardsCommand,
  EnableSecurityHubCommand,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import type { RemediationAws } from '../../aws';
import { SecurityHubRemediation } from './securityHub';

// moto_server has no standards API (BatchEnableStandards answers an HTML 404) and never
// answers EnableSecurityHub with ResourceConflictException, so these AWS answers are
// mocked; enabling the hub itself is verified against moto in router/securityHubRemediation.test.ts.
const hub = mockClient(SecurityHubClient);
const FSBP =
  'arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0';

/** A remediation session that hands out one (mocked) client. */
function recordingFactory() {
  const client = new SecurityHubClient({ region: 'us-east-1' });
  const factory = {
    region: 'us-east-1',
    accountId: '123456789012',
    actor: { userRef: 'user:default/jane.doe', planId: 'plan-1' },
    client: () => client,
  } as unknown as RemediationAws;
  return { factory };
}

describe('SecurityHubRemediation', () => {
  beforeEach(() => hub.reset());

  it('subscribes to the standard', async () => {
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
    const { factory } = recordingFactory();
    await new SecurityHubRemediation(factory).enableStandards([FSBP]);
    expect(
      hub.commandCalls(BatchEnableStandardsCommand)[0].args[0].input,
    ).toEqual({ StandardsSubscriptionRequests: [{ StandardsArn: FSBP }] });
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
      new SecurityHubRemediation(factory).enableStandards([FSBP]),
    ).rejects.toThrow(
      `Security Hub could not subscribe to ${FSBP} (NO_AVAILABLE_CONFIGURATION_RECORDER)`,
    );
  });

  it('enables the hub without default standards and takes "already subscribed" as done', async () => {
    const conflict = Object.assign(new Error('Account is already subscribed'), {
      name: 'ResourceConflictException',
    });
    hub.on(EnableSecurityHubCommand).rejects(conflict);
    const { factory } = recordingFactory();
    await expect(
      new SecurityHubRemediation(factory).enableHub(),
    ).resolves.toBeUndefined();
    expect(hub.commandCalls(EnableSecurityHubCommand)[0].args[0].input).toEqual(
      {
        EnableDefaultStandards: false,
        ControlFindingGenerator: 'SECURITY_CONTROL',
      },
    );
  });

  it('passes other refusals on (access denied)', async () => {
    const denied = Object.assign(new Error('not authorized'), {
      name: 'AccessDeniedException',
    });
    hub.on(EnableSecurityHubCommand).rejects(denied);
    const { factory } = recordingFactory();
    await expect(
      new SecurityHubRemediation(factory).enableHub(),
    ).rejects.toThrow('not authorized');
  });
});
