import type { Finding } from '@prod-hardening/plugin-prod-hardening-common';
import {
  isOpenActiveFinding,
  normalizeFinding,
  queryFindings,
  severityOf,
} from './findings';

const finding = (over: Partial<Finding>): Finding => ({
  id: 'f',
  title: 't',
  severity: 'LOW',
  product: 'Security Hub',
  workflowStatus: 'NEW',
  resourceType: 'AwsS3Bucket',
  resourceId: 'arn:aws:s3:::b',
  region: 'us-east-1',
  accountId: '123456789012',
  firstSeen: '2026-11-01T00:00:00Z',
  lastSeen: '2026-11-02T00:00:00Z',
  ...over,
});

describe('findings', () => {
  it('maps normalized severity to labels as AWS documents it', () => {
    expect(severityOf({ Severity: { Normalized: 95 } })).toBe('CRITICAL');
    expect(severityOf({ Severity: { Normalized: 70 } })).toBe('HIGH');
    expect(severityOf({ Severity: { Normalized: 40 } })).toBe('MEDIUM');
    expect(severityOf({ Severity: { Normalized: 1 } })).toBe('LOW');
    expect(severityOf({ Severity: { Normalized: 0 } })).toBe('INFORMATIONAL');
    expect(severityOf({ Severity: { Label: 'high', Normalized: 0 } })).toBe(
      'HIGH',
    );
  });

  it('keeps only active findings with an open workflow', () => {
    expect(
      isOpenActiveFinding({
        RecordState: 'ACTIVE',
        Workflow: { Status: 'NOTIFIED' },
      }),
    ).toBe(true);
    expect(
      isOpenActiveFinding({
        RecordState: 'ARCHIVED',
        Workflow: { Status: 'NEW' },
      }),
    ).toBe(false);
    expect(
      isOpenActiveFinding({
        RecordState: 'ACTIVE',
        Workflow: { Status: 'SUPPRESSED' },
      }),
    ).toBe(false);
  });

  it('normalizes the first resource, the control id and the remediation', () => {
    const f = normalizeFinding({
      Id: 'x',
      Title: 'S3 general purpose buckets should block public access',
      ProductName: 'Security Hub',
      AwsAccountId: '123456789012',
      Severity: { Label: 'MEDIUM' },
      Compliance: { Status: 'FAILED', SecurityControlId: 'S3.1' },
      Workflow: { Status: 'NEW' },
      Resources: [
        {
          Type: 'AwsAccount',
          Id: 'AWS::::Account:123456789012',
          Region: 'us-east-1',
        },
      ],
      Remediation: {
        Recommendation: {
          Text: 'Enable BPA',
          Url: 'https://docs.aws.amazon.com/x',
        },
      },
      FirstObservedAt: '2026-11-01T00:00:00Z',
      LastObservedAt: '2026-11-02T00:00:00Z',
    });
    expect(f).toMatchObject({
      controlId: 'S3.1',
      complianceStatus: 'FAILED',
      resourceType: 'AwsAccount',
      remediationUrl: 'https://docs.aws.amazon.com/x',
    });
  });

  it('filters, counts by severity before paging, and pages', () => {
    const all = [
      finding({ id: 'a', severity: 'HIGH', title: 'Public bucket' }),
      finding({ id: 'b', severity: 'LOW' }),
      finding({ id: 'c', severity: 'HIGH', product: 'GuardDuty' }),
      finding({ id: 'd', severity: 'CRITICAL' }),
    ];
    const page = queryFindings(all, {
      severity: ['HIGH', 'CRITICAL'],
      pageSize: 2,
    });
    expect(page.total).toBe(3);
    expect(page.bySeverity).toMatchObject({ HIGH: 2, CRITICAL: 1, LOW: 0 });
    expect(page.items.map(f => f.id)).toEqual(['d', 'a']);
    expect(
      queryFindings(all, { search: 'PUBLIC' }).items.map(f => f.id),
    ).toEqual(['a']);
  });

  it('filters and pages a list of 50,000 findings', () => {
    const many = Array.from({ length: 50_000 }, (_, i) =>
      finding({
        id: String(i),
        severity: (['LOW', 'HIGH', 'MEDIUM'] as const)[i % 3],
        title: `Finding ${i}`,
      }),
    );
    const page = queryFindings(many, {
      severity: ['HIGH'],
      search: 'finding 4',
      page: 1,
    });
    expect(page.items).toHaveLength(25);
    expect(
      page.items.every(
        f => f.severity === 'HIGH' && f.title.startsWith('Finding 4'),
      ),
    ).toBe(true);
  });
});
