import {
  approvalRequirement,
  approvalStatus,
  decisionProblem,
  executionProblem,
  StoredApproval,
  viewOf,
} from './rules';

const NOW = Date.parse('2026-12-06T10:00:00Z');
const HOUR = 60 * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

const POLICY = {
  checks: ['s3-account-public-access-block'],
  overriddenBlockers: true,
};

const request = (over: Partial<StoredApproval> = {}): StoredApproval => ({
  id: 'a1',
  planId: 'p1',
  checkId: 'sqs-encryption',
  resourceId: 'queue',
  title: 'Encrypt the queue',
  calls: [],
  overriddenBlockers: [],
  requirement: ['why'],
  requester: 'user:default/dana',
  reason: 'The audit needs it.',
  approverGroups: ['group:default/security', 'group:default/platform-oncall'],
  state: 'pending',
  createdAt: iso(NOW - HOUR),
  expiresAt: iso(NOW + HOUR),
  ...over,
});

const sam = {
  userRef: 'user:default/sam',
  allowed: { approve: true, execute: true },
  ownershipRefs: ['user:default/sam', 'group:default/security'],
};
const dana = {
  userRef: 'user:default/dana',
  allowed: { approve: true, execute: true },
  ownershipRefs: ['user:default/dana', 'group:default/platform-oncall'],
};
const wendy = {
  userRef: 'user:default/wendy',
  allowed: { approve: true, execute: true },
  ownershipRefs: ['user:default/wendy', 'group:default/team-web'],
};

describe('approvalRequirement', () => {
  it('requires approval for a listed check, with the reason', () => {
    expect(
      approvalRequirement(
        {
          checkId: 's3-account-public-access-block',
          overridden: false,
          blockers: [],
        },
        POLICY,
      ),
    ).toEqual({
      required: true,
      reasons: [
        'Every remediation of s3-account-public-access-block needs approval.',
      ],
    });
  });

  it('requires approval when blockers are overridden, naming them, unless the policy says not', () => {
    const plan = {
      checkId: 'sqs-encryption',
      overridden: true,
      blockers: ['The queue is read by a legacy consumer.'],
    };
    expect(approvalRequirement(plan, POLICY).reasons).toEqual([
      "The preview's blockers are overridden: The queue is read by a legacy consumer.",
    ]);
    expect(
      approvalRequirement(plan, { ...POLICY, overriddenBlockers: false })
        .required,
    ).toBe(false);
  });

  it('needs none for an unlisted check without overridden blockers', () => {
    expect(
      approvalRequirement(
        { checkId: 'sqs-encryption', overridden: false, blockers: ['x'] },
        POLICY,
      ),
    ).toEqual({ required: false, reasons: [] });
  });
});

describe('approvalStatus', () => {
  it('expires pending and approved requests at expiresAt, never decided ones', () => {
    const past = iso(NOW - 1);
    expect(approvalStatus(request(), NOW)).toBe('pending');
    expect(approvalStatus(request({ expiresAt: past }), NOW)).toBe('expired');
    expect(
      approvalStatus(request({ state: 'approved', expiresAt: past }), NOW),
    ).toBe('expired');
    expect(
      approvalStatus(request({ state: 'rejected', expiresAt: past }), NOW),
    ).toBe('rejected');
    expect(
      approvalStatus(request({ state: 'executed', expiresAt: past }), NOW),
    ).toBe('executed');
  });
});

describe('decisionProblem', () => {
  it('lets a member of an approver group decide a pending request', () => {
    expect(decisionProblem(request(), sam, NOW)).toBeUndefined();
  });

  it('refuses self-approval even to a member of an approver group (403)', () => {
    expect(decisionProblem(request(), dana, NOW)).toMatchObject({
      status: 403,
      message: expect.stringContaining('You asked for this change yourself'),
    });
  });

  it('refuses someone outside the approver groups (403), naming the groups', () => {
    expect(decisionProblem(request(), wendy, NOW)).toEqual({
      status: 403,
      message:
        'Only members of group:default/security, group:default/platform-oncall may decide this request.',
    });
  });

  it('refuses an expired or already decided request (409)', () => {
    expect(
      decisionProblem(request({ expiresAt: iso(NOW - 1) }), sam, NOW),
    ).toMatchObject({
      status: 409,
      message: expect.stringContaining('expired'),
    });
    expect(
      decisionProblem(
        request({
          state: 'rejected',
          decidedBy: 'user:default/sam',
          decidedAt: iso(NOW - 10),
        }),
        { ...sam, userRef: 'user:default/other' },
        NOW,
      ),
    ).toEqual({
      status: 409,
      message: `This request was already rejected by user:default/sam at ${iso(
        NOW - 10,
      )}.`,
    });
  });
});

describe('executionProblem', () => {
  const approved = request({
    state: 'approved',
    decidedBy: 'user:default/sam',
    decidedAt: iso(NOW - 10),
  });

  it('lets the requester or the approver execute an approved, unexpired plan', () => {
    expect(
      executionProblem(approved, 'user:default/dana', NOW),
    ).toBeUndefined();
    expect(executionProblem(approved, 'user:default/sam', NOW)).toBeUndefined();
  });

  it('refuses anyone else', () => {
    expect(executionProblem(approved, 'user:default/wendy', NOW)).toBe(
      'Only the requester (user:default/dana) or the approver (user:default/sam) may execute this approved plan.',
    );
  });

  it('says why an unapproved, pending, rejected, expired or executed plan cannot run', () => {
    expect(executionProblem(undefined, 'user:default/dana', NOW)).toMatch(
      /needs approval: request approval/,
    );
    expect(executionProblem(request(), 'user:default/dana', NOW)).toMatch(
      /waiting for approval \(request a1\)/,
    );
    expect(
      executionProblem(
        request({
          state: 'rejected',
          decidedBy: 'user:default/sam',
          decisionComment: 'Not during the sale.',
        }),
        'user:default/dana',
        NOW,
      ),
    ).toBe(
      'The approval request a1 was rejected by user:default/sam ("Not during the sale.").',
    );
    expect(
      executionProblem(
        { ...approved, expiresAt: iso(NOW - 1) },
        'user:default/dana',
        NOW,
      ),
    ).toMatch(/expired/);
    expect(
      executionProblem(
        { ...approved, state: 'executed' },
        'user:default/dana',
        NOW,
      ),
    ).toMatch(/already executed/);
  });
});

describe('viewOf', () => {
  it('gives each viewer what they may do: the approver decides, the requester executes once approved', () => {
    const pending = request();
    expect(viewOf(pending, sam, NOW)).toMatchObject({
      status: 'pending',
      canDecide: true,
      canExecute: false,
    });
    expect(viewOf(pending, dana, NOW)).toMatchObject({
      canDecide: false,
      canExecute: false,
    });
    const approved = request({ state: 'approved', decidedBy: sam.userRef });
    expect(viewOf(approved, dana, NOW)).toMatchObject({
      status: 'approved',
      canDecide: false,
      canExecute: true,
    });
    expect(viewOf(approved, wendy, NOW).canExecute).toBe(false);
    expect(viewOf(approved, undefined, NOW)).not.toHaveProperty('state');
  });

  it('offers nothing the permissions refuse: no execute button without the execute permission, no decision without the approve one', () => {
    const approved = request({ state: 'approved', decidedBy: sam.userRef });
    const samCannotExecute = {
      ...sam,
      allowed: { approve: true, execute: false },
    };
    expect(viewOf(approved, sam, NOW).canExecute).toBe(true);
    expect(viewOf(approved, samCannotExecute, NOW).canExecute).toBe(false);
    const samCannotApprove = {
      ...sam,
      allowed: { approve: false, execute: true },
    };
    expect(viewOf(request(), sam, NOW).canDecide).toBe(true);
    expect(viewOf(request(), samCannotApprove, NOW).canDecide).toBe(false);
  });
});
