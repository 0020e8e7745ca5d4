import type { CheckResult } from '@prod-hardening/plugin-prod-hardening-common';
import {
  activeCheckExemption,
  exemptionsCsv,
  exemptionStatus,
  expiryProblem,
  filterExemptions,
  isCheckExempted,
  scoreWithExemptions,
  StoredExemption,
  withStatus,
} from './rules';

const NOW = Date.parse('2026-12-05T12:00:00Z');
const DAY = 24 * 60 * 60_000;

const exemption = (more: Partial<StoredExemption> = {}): StoredExemption => ({
  id: 'e1',
  kind: 'check',
  checkId: 'sqs-encryption',
  resourceId: 'queue-a',
  justification: 'Queue carries no personal data.',
  expiresAt: new Date(NOW + 10 * DAY).toISOString(),
  createdBy: 'user:default/sam',
  createdAt: new Date(NOW - DAY).toISOString(),
  ...more,
});

const check = (
  id: string,
  status: CheckResult['status'],
  severity: CheckResult['severity'],
  resources: [string, CheckResult['status']][] = [],
): CheckResult => ({
  id,
  title: id,
  pillar: 'security',
  control: 'baseline',
  severity,
  status,
  summary: '',
  resources: resources.map(([resourceId, s]) => ({
    resourceId,
    resourceType: 'AWS::SQS::Queue',
    status: s,
    evidence: '',
  })),
  remediation: { kind: 'manual', why: '' },
  canAutoRemediate: false,
  evaluatedAt: new Date(NOW).toISOString(),
});

describe('exemption status', () => {
  it('is active before the expiry and expired from the expiry instant on', () => {
    const e = exemption({ expiresAt: new Date(NOW).toISOString() });
    expect(exemptionStatus(e, NOW - 1)).toBe('active');
    expect(exemptionStatus(e, NOW)).toBe('expired');
  });

  it('stays revoked after its expiry', () => {
    const e = exemption({ revokedAt: new Date(NOW).toISOString() });
    expect(exemptionStatus(e, NOW + 100 * DAY)).toBe('revoked');
  });
});

describe('expiry rules', () => {
  it('accepts an expiry within the maximum', () => {
    expect(
      expiryProblem(new Date(NOW + 90 * DAY).toISOString(), NOW, 90),
    ).toBeUndefined();
  });

  it('refuses an expiry in the past, now, beyond the maximum, or not a date', () => {
    expect(expiryProblem(new Date(NOW - 1).toISOString(), NOW, 90)).toMatch(
      /in the past/,
    );
    expect(expiryProblem(new Date(NOW).toISOString(), NOW, 90)).toMatch(
      /in the past/,
    );
    expect(
      expiryProblem(new Date(NOW + 90 * DAY + 1).toISOString(), NOW, 90),
    ).toMatch(/more than 90 days/);
    expect(expiryProblem('next week', NOW, 90)).toMatch(/not a date/);
  });

  it('uses the configured maximum', () => {
    expect(
      expiryProblem(new Date(NOW + 8 * DAY).toISOString(), NOW, 7),
    ).toMatch(/more than 7 days/);
  });
});

describe('which items an exemption covers', () => {
  it('finds the active exemption of a check on a resource only', () => {
    const list = [exemption()];
    expect(activeCheckExemption(list, 'sqs-encryption', 'queue-a', NOW)).toBe(
      list[0],
    );
    expect(
      activeCheckExemption(list, 'sqs-encryption', 'queue-b', NOW),
    ).toBeUndefined();
    expect(
      activeCheckExemption(list, 'sqs-encryption', 'queue-a', NOW + 11 * DAY),
    ).toBeUndefined();
  });

  it('exempts a failing check only when every failing resource is exempted', () => {
    const failing = check('sqs-encryption', 'FAIL', 'MEDIUM', [
      ['queue-a', 'FAIL'],
      ['queue-b', 'PASS'],
    ]);
    expect(isCheckExempted(failing, [exemption()], NOW)).toBe(true);
    const twoFailing = check('sqs-encryption', 'FAIL', 'MEDIUM', [
      ['queue-a', 'FAIL'],
      ['queue-c', 'FAIL'],
    ]);
    expect(isCheckExempted(twoFailing, [exemption()], NOW)).toBe(false);
  });

  it('never exempts a passing check or one without resources', () => {
    expect(
      isCheckExempted(
        check('sqs-encryption', 'PASS', 'MEDIUM', [['queue-a', 'PASS']]),
        [exemption()],
        NOW,
      ),
    ).toBe(false);
    expect(
      isCheckExempted(
        check('sqs-encryption', 'FAIL', 'MEDIUM'),
        [exemption()],
        NOW,
      ),
    ).toBe(false);
  });
});

describe('score with exemptions', () => {
  // Known data: 2 passing (HIGH, LOW), 2 failing (MEDIUM exempted, HIGH), 1 ERROR.
  const checks = [
    check('a', 'PASS', 'HIGH', [['r1', 'PASS']]),
    check('b', 'PASS', 'LOW', [['r2', 'PASS']]),
    check('sqs-encryption', 'FAIL', 'MEDIUM', [['queue-a', 'FAIL']]),
    check('c', 'FAIL', 'HIGH', [['r3', 'FAIL']]),
    check('d', 'ERROR', 'CRITICAL'),
  ];

  it('leaves the exempted check out of both methods', () => {
    const score = scoreWithExemptions(checks, [exemption()], NOW);
    // Raw: 2 of 4 = 50 %, weight 6 of 13 = 46.2 %. With: 2 of 3, weight 6 of 11.
    expect(score).toEqual({
      securityHubPercent: 66.7,
      severityWeightedPercent: 54.5,
      passed: 2,
      failed: 1,
      warned: 0,
      errored: 1,
      exempted: 1,
    });
  });

  it('equals the raw score once the exemption expired or was revoked', () => {
    const raw = {
      securityHubPercent: 50,
      severityWeightedPercent: 46.2,
      passed: 2,
      failed: 2,
      warned: 0,
      errored: 1,
      exempted: 0,
    };
    expect(scoreWithExemptions(checks, [exemption()], NOW + 10 * DAY)).toEqual(
      raw,
    );
    expect(
      scoreWithExemptions(
        checks,
        [exemption({ revokedAt: new Date(NOW).toISOString() })],
        NOW,
      ),
    ).toEqual(raw);
  });
});

describe('list and export', () => {
  const list = [
    exemption(),
    exemption({ id: 'e2', revokedAt: new Date(NOW).toISOString() }),
    exemption({
      id: 'e3',
      kind: 'finding',
      checkId: undefined,
      findingId: 'arn:f/1',
      resourceId: 'bucket',
      expiresAt: new Date(NOW - 1).toISOString(),
    }),
  ].map(e => withStatus(e, NOW));

  it('filters by status, check and resource', () => {
    expect(filterExemptions(list, { status: 'active' }).map(e => e.id)).toEqual(
      ['e1'],
    );
    expect(
      filterExemptions(list, { status: 'expired' }).map(e => e.id),
    ).toEqual(['e3']);
    expect(
      filterExemptions(list, { checkId: 'sqs-encryption' }).map(e => e.id),
    ).toEqual(['e1', 'e2']);
    expect(
      filterExemptions(list, { resource: 'bucket' }).map(e => e.id),
    ).toEqual(['e3']);
  });

  it('exports CSV with a header and formula-safe text', () => {
    const csv = exemptionsCsv([
      withStatus(exemption({ justification: '=HYPERLINK("x")' }), NOW),
    ]);
    const [header, row] = csv.split('\r\n');
    expect(header).toBe(
      'id,status,kind,checkId,resourceId,findingId,justification,expiresAt,createdBy,createdAt,revokedBy,revokedAt,workflowRestoredAt',
    );
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(row.startsWith('e1,active,check,sqs-encryption,queue-a,,')).toBe(
      true,
    );
  });
});
