import type {
  BudgetStatus,
  DeadLetterQueueStatus,
} from '@prod-hardening/plugin-prod-hardening-common';
import { createResourceMatcher } from '../entities';
import {
  approvalNotice,
  budgetNotices,
  exemptionEndedNotices,
  DLQ_NOTICE_KEY,
  FALLBACK_NOTICE_KEY,
  findingNotices,
  OwnedMapping,
  remediationNotice,
  throttlingNotices,
  unsentNotices,
} from './ownerNotices';
import {
  WEB_SERVICE_ARN as WEB_SERVICE,
  webServiceFinding as finding,
} from '../../testUtils/findings';

function mapping(
  entityRef: string,
  owners: string[],
  arns: string[],
  extra: Partial<OwnedMapping> = {},
): OwnedMapping {
  return {
    entityRef,
    title: entityRef.split('/')[1],
    owners,
    matcher: createResourceMatcher({ arns, resourceTagSets: [] }),
    rateLimiter: false,
    ...extra,
  };
}

const web = mapping(
  'component:default/web',
  ['group:default/team-web'],
  [WEB_SERVICE],
);
const tagged: OwnedMapping = {
  ...mapping('resource:default/uploads', ['group:default/platform-oncall'], []),
  matcher: createResourceMatcher({
    arns: [],
    resourceTagSets: [[{ key: 'app', value: 'uploads' }]],
  }),
};
const limiter = mapping(
  'component:default/rate-limiter',
  ['group:default/platform-oncall'],
  [],
  { rateLimiter: true },
);

describe('findingNotices', () => {
  it('tells the owners of the resource of each high or critical finding, linking to it', () => {
    const notices = findingNotices(
      [
        finding('f-1'),
        finding('f-2', { severity: 'CRITICAL', title: 'Root access key' }),
        finding('f-3', { severity: 'MEDIUM' }),
        finding('f-4', { resourceId: 'arn:aws:s3:::nobody-owns-this' }),
        finding('f-5', {
          resourceId: 'arn:aws:s3:::huntaze-uploads',
          resourceTags: { app: 'uploads' },
        }),
      ],
      [web, tagged],
    );
    expect(notices.map(n => [n.key, n.recipients, n.severity])).toEqual([
      ['finding:f-1', ['group:default/team-web'], 'high'],
      ['finding:f-2', ['group:default/team-web'], 'critical'],
      ['finding:f-5', ['group:default/platform-oncall'], 'high'],
    ]);
    expect(notices[0]).toMatchObject({
      fingerprint: 'HIGH',
      title: 'HIGH finding on web: ECS containers should run as non-privileged',
      link: '/prod-hardening/posture?finding=f-1',
      topic: 'Security findings',
    });
  });

  it('escapes the finding id in the link (Security Hub ids are ARNs)', () => {
    const [notice] = findingNotices([finding('arn:aws:x/1?a')], [web]);
    expect(notice.link).toBe(
      '/prod-hardening/posture?finding=arn%3Aaws%3Ax%2F1%3Fa',
    );
  });
});

describe('budgetNotices', () => {
  const budget = (actual: number, forecast: number | null): BudgetStatus => ({
    name: 'huntaze-monthly',
    limitMicros: 500_000_000,
    actualMicros: actual,
    forecastMicros: forecast,
    notifications: [],
  });
  const notices = (b: BudgetStatus) =>
    budgetNotices({
      month: '2026-12',
      budget: b,
      forecast: null,
      finopsGroup: 'group:default/finops',
    });

  it('tells the FinOps group of a forecast over 80 % and of spend over 100 %, once a month each', () => {
    expect(notices(budget(100_000_000, 400_000_000))).toEqual([]);
    const forecastOnly = notices(budget(100_000_000, 400_000_001));
    expect(forecastOnly.map(n => n.key)).toEqual(['budget:2026-12:forecast']);
    expect(forecastOnly[0]).toMatchObject({
      recipients: ['group:default/finops'],
      fingerprint: '2026-12',
      link: '/prod-hardening/finops',
      title: 'Forecast at 80 % of huntaze-monthly',
    });
    expect(
      notices(budget(500_000_001, 900_000_000)).map(n => [n.key, n.severity]),
    ).toEqual([
      ['budget:2026-12:actual', 'critical'],
      ['budget:2026-12:forecast', 'high'],
    ]);
  });

  it('tells nothing without a budget or forecast, nor for a zero limit', () => {
    expect(
      budgetNotices({
        month: '2026-12',
        budget: null,
        forecast: null,
        finopsGroup: 'group:default/finops',
      }),
    ).toEqual([]);
    expect(notices({ ...budget(1, 1), limitMicros: 0 })).toEqual([]);
  });
});

describe('throttlingNotices', () => {
  const dlq = (depth: number, age: number | null): DeadLetterQueueStatus => ({
    queueName: 'rate-limiter-dlq',
    depth,
    inFlight: 0,
    oldestAgeSeconds: age,
    readAt: '2026-12-06T10:00:00Z',
  });
  const fallback = { active: false, decisionsInWindow: 0 };

  it('tells the limiter owners of a DLQ holding messages past the limit, and ends the incident when it empties', () => {
    const young = throttlingNotices({
      dlq: dlq(3, 14 * 60),
      fallback,
      dlqMinutes: 15,
      mappings: [web, limiter],
    });
    expect(young.notices).toEqual([]);
    expect(young.ended).toEqual([FALLBACK_NOTICE_KEY]);
    const old = throttlingNotices({
      dlq: dlq(3, 15 * 60),
      fallback,
      dlqMinutes: 15,
      mappings: [web, limiter],
    });
    expect(old.notices).toEqual([
      expect.objectContaining({
        key: DLQ_NOTICE_KEY,
        recipients: ['group:default/platform-oncall'],
        link: '/prod-hardening/throttling',
      }),
    ]);
    expect(
      throttlingNotices({
        dlq: dlq(0, null),
        fallback: null,
        dlqMinutes: 15,
        mappings: [limiter],
      }).ended,
    ).toEqual([DLQ_NOTICE_KEY]);
  });

  it('tells of each fallback episode once (its start is the fingerprint)', () => {
    const { notices } = throttlingNotices({
      dlq: null,
      fallback: {
        active: true,
        since: '2026-12-06T09:58:00Z',
        reason: 'ECONNREFUSED',
        decisionsInWindow: 12,
      },
      dlqMinutes: 15,
      mappings: [limiter],
    });
    expect(notices).toEqual([
      expect.objectContaining({
        key: FALLBACK_NOTICE_KEY,
        fingerprint: '2026-12-06T09:58:00Z',
        severity: 'critical',
      }),
    ]);
  });

  it('tells nobody when no entity is the rate limiter, and ends nothing it could not read', () => {
    expect(
      throttlingNotices({
        dlq: dlq(5, 3600),
        fallback: null,
        dlqMinutes: 15,
        mappings: [web],
      }),
    ).toEqual({ notices: [], ended: [] });
  });
});

describe('remediationNotice', () => {
  it('tells the owners of the remediated resource, and nobody for an unowned one', () => {
    const attempt = {
      historyId: 'h-1',
      checkTitle: 'Container Insights',
      resourceId: 'huntaze-web-production',
      actor: 'user:default/dana',
      outcome: 'succeeded',
    };
    const cluster = mapping(
      'component:default/web',
      ['group:default/team-web'],
      ['arn:aws:ecs:us-east-1:123456789012:cluster/huntaze-web-production'],
    );
    expect(
      remediationNotice({ ...attempt, mappings: [cluster] }),
    ).toMatchObject({
      key: 'remediation:h-1',
      recipients: ['group:default/team-web'],
      severity: 'normal',
      title: 'Remediation succeeded: Container Insights',
    });
    expect(remediationNotice({ ...attempt, mappings: [limiter] })).toBe(
      undefined,
    );
  });
});

describe('approvalNotice', () => {
  const request = {
    id: 'a/1',
    planId: 'p1',
    checkId: 's3-account-public-access-block',
    resourceId: 'account',
    title: 'Block public access',
    calls: [],
    overriddenBlockers: [],
    requirement: [],
    requester: 'user:default/dana',
    reason: 'The pentest found it off.',
    approverGroups: ['group:default/security', 'group:default/platform-oncall'],
    status: 'pending' as const,
    createdAt: '2026-12-06T10:00:00Z',
    expiresAt: '2026-12-07T10:00:00Z',
  };

  it('tells the approver groups of a new request, then the requester of the decision, each once per state', () => {
    const asked = approvalNotice(request, 'Account BPA')!;
    expect(asked).toMatchObject({
      key: 'approval:a/1',
      fingerprint: 'pending',
      recipients: ['group:default/security', 'group:default/platform-oncall'],
      title: 'Approval requested: Account BPA',
      link: '/prod-hardening/approvals?request=a%2F1',
      topic: 'Approvals',
    });
    expect(asked.description).toContain(
      'user:default/dana asks to change account',
    );
    const decided = approvalNotice(
      {
        ...request,
        status: 'rejected',
        decidedBy: 'user:default/sam',
        decisionComment: 'Not during the sale.',
      },
      'Account BPA',
    )!;
    expect(decided).toMatchObject({
      key: 'approval:a/1',
      fingerprint: 'rejected',
      recipients: ['user:default/dana'],
      title: 'Remediation rejected: Account BPA',
      description:
        'user:default/sam rejected your request to change account: Not during the sale.',
    });
    expect(
      approvalNotice(
        {
          ...request,
          status: 'executed',
          decidedBy: 'user:default/sam',
          executedBy: 'user:default/dana',
        },
        'Account BPA',
      )?.recipients,
    ).toEqual(['user:default/dana', 'user:default/sam']);
  });

  it('tells nobody of an expired request', () => {
    expect(
      approvalNotice({ ...request, status: 'expired' }, 'Account BPA'),
    ).toBeUndefined();
  });
});

describe('exemptionEndedNotices', () => {
  const NOW = Date.parse('2026-12-06T12:00:00Z');
  const exemption = {
    id: 'e1',
    kind: 'check' as const,
    checkId: 'ecs-container-insights',
    resourceId: WEB_SERVICE,
    justification: 'Insights come with the Datadog migration.',
    expiresAt: '2026-12-06T11:00:00Z',
    createdBy: 'user:default/sam',
    createdAt: '2026-11-06T11:00:00Z',
    status: 'expired' as const,
  };
  const title = (id: string) => `Title of ${id}`;

  it('tells the owners of the resource and the creator of an exemption that expired or was revoked in the last day', () => {
    const [expired] = exemptionEndedNotices([exemption], [web], title, NOW);
    expect(expired).toEqual({
      key: 'exemption-ended:e1',
      fingerprint: 'expired',
      recipients: ['group:default/team-web', 'user:default/sam'],
      title: `Exemption ended: Title of ecs-container-insights on ${WEB_SERVICE}`,
      description: `The exemption of Title of ecs-container-insights on ${WEB_SERVICE} (Insights come with the Datadog migration.) expired at 2026-12-06T11:00:00Z. It counts in the score again.`,
      link: '/prod-hardening/posture',
      severity: 'normal',
      topic: 'Exemptions',
    });
    const [revoked] = exemptionEndedNotices(
      [
        {
          ...exemption,
          kind: 'finding',
          findingId: 'arn:finding/1',
          status: 'revoked',
          expiresAt: '2027-01-01T00:00:00Z',
          revokedBy: 'user:default/dana',
          revokedAt: '2026-12-06T10:00:00Z',
        },
      ],
      [],
      title,
      NOW,
    );
    expect(revoked).toMatchObject({
      fingerprint: 'revoked',
      recipients: ['user:default/sam'],
      link: '/prod-hardening/posture?finding=arn%3Afinding%2F1',
    });
    expect(revoked.description).toContain(
      'was revoked by user:default/dana at 2026-12-06T10:00:00Z',
    );
    expect(revoked.description).toContain('workflow status is restored');
  });

  it('tells nothing of active exemptions nor of ones that ended more than a day ago', () => {
    expect(
      exemptionEndedNotices(
        [
          { ...exemption, status: 'active', expiresAt: '2026-12-07T00:00:00Z' },
          { ...exemption, id: 'old', expiresAt: '2026-12-05T11:59:00Z' },
        ],
        [web],
        title,
        NOW,
      ),
    ).toEqual([]);
  });
});

describe('unsentNotices', () => {
  it('keeps notices never sent or sent with another fingerprint', () => {
    const [high] = findingNotices([finding('f-1')], [web]);
    const [critical] = findingNotices(
      [finding('f-1', { severity: 'CRITICAL' })],
      [web],
    );
    const sent = new Map([['finding:f-1', 'HIGH']]);
    expect(unsentNotices([high], sent)).toEqual([]);
    expect(unsentNotices([critical], sent)).toEqual([critical]);
    expect(unsentNotices([high], new Map())).toEqual([high]);
  });
});
