import type {
  Finding,
  FindingsPage,
  Severity,
} from '@prod-hardening/plugin-prod-hardening-common';

/** The ASFF fields the portal reads (a structural subset of the SDK's AwsSecurityFinding). */
export interface AsffFinding {
  Id?: string;
  Title?: string;
  Description?: string;
  ProductName?: string;
  ProductArn?: string;
  AwsAccountId?: string;
  Region?: string;
  FirstObservedAt?: string;
  LastObservedAt?: string;
  CreatedAt?: string;
  UpdatedAt?: string;
  RecordState?: string;
  Severity?: { Label?: string; Normalized?: number; Product?: number };
  Compliance?: { Status?: string; SecurityControlId?: string };
  Workflow?: { Status?: string };
  Resources?: Array<{
    Type?: string;
    Id?: string;
    Region?: string;
    Tags?: Record<string, string>;
  }>;
  Remediation?: { Recommendation?: { Text?: string; Url?: string } };
}

export const SEVERITIES: Severity[] = [
  'CRITICAL',
  'HIGH',
  'MEDIUM',
  'LOW',
  'INFORMATIONAL',
];

/**
 * Severity as AWS documents it for ASFF: the Label when present, else derived from
 * Normalized (0 info, 1–39 low, 40–69 medium, 70–89 high, 90–100 critical).
 */
export function severityOf(f: AsffFinding): Severity {
  const label = f.Severity?.Label?.toUpperCase();
  if (label && (SEVERITIES as string[]).includes(label))
    return label as Severity;
  const n = f.Severity?.Normalized ?? 0;
  if (n >= 90) return 'CRITICAL';
  if (n >= 70) return 'HIGH';
  if (n >= 40) return 'MEDIUM';
  if (n >= 1) return 'LOW';
  return 'INFORMATIONAL';
}

const WORKFLOW = ['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED'] as const;
const COMPLIANCE = ['PASSED', 'WARNING', 'FAILED', 'NOT_AVAILABLE'] as const;

/** ASFF → the portal's Finding. */
export function normalizeFinding(f: AsffFinding): Finding {
  const resource = f.Resources?.[0] ?? {};
  const workflow = (WORKFLOW as readonly string[]).includes(
    f.Workflow?.Status ?? '',
  )
    ? (f.Workflow!.Status as Finding['workflowStatus'])
    : 'NEW';
  const compliance = (COMPLIANCE as readonly string[]).includes(
    f.Compliance?.Status ?? '',
  )
    ? (f.Compliance!.Status as Finding['complianceStatus'])
    : undefined;
  return {
    id: f.Id ?? '',
    title: f.Title ?? '(untitled finding)',
    severity: severityOf(f),
    product: f.ProductName ?? 'Security Hub',
    controlId: f.Compliance?.SecurityControlId,
    complianceStatus: compliance,
    workflowStatus: workflow,
    resourceType: resource.Type ?? 'Other',
    resourceId: resource.Id ?? '',
    region: resource.Region ?? f.Region ?? '',
    accountId: f.AwsAccountId ?? '',
    firstSeen: f.FirstObservedAt ?? f.CreatedAt ?? '',
    lastSeen: f.LastObservedAt ?? f.UpdatedAt ?? '',
    remediationText: f.Remediation?.Recommendation?.Text,
    remediationUrl: f.Remediation?.Recommendation?.Url,
    description: f.Description,
    // Kept so an entity's findings can be selected by its resource tags.
    ...(resource.Tags && Object.keys(resource.Tags).length > 0
      ? { resourceTags: resource.Tags }
      : {}),
  };
}

/**
 * The default view: active findings whose workflow is still open. The same filter is
 * sent to Security Hub and applied here again, because some endpoints ignore filters.
 */
export function isOpenActiveFinding(f: AsffFinding): boolean {
  const workflow = f.Workflow?.Status ?? 'NEW';
  return (
    (f.RecordState ?? 'ACTIVE') === 'ACTIVE' &&
    (workflow === 'NEW' || workflow === 'NOTIFIED')
  );
}

export const OPEN_FINDINGS_FILTERS = {
  RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' as const }],
  WorkflowStatus: [
    { Value: 'NEW', Comparison: 'EQUALS' as const },
    { Value: 'NOTIFIED', Comparison: 'EQUALS' as const },
  ],
};

export interface FindingsQuery {
  severity?: Severity[];
  product?: string[];
  controlId?: string;
  resourceType?: string;
  /** Case-insensitive substring of title, resource id or control id. */
  search?: string;
  sort?: 'severity' | 'lastSeen' | 'title' | 'product';
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

const severityRank = (s: Severity) => SEVERITIES.indexOf(s);

/** Filter, sort and page findings in one pass over the list (fast for 50k findings). */
export function queryFindings(all: Finding[], q: FindingsQuery): FindingsPage {
  const search = q.search?.trim().toLowerCase();
  const severities = q.severity?.length ? new Set(q.severity) : undefined;
  const products = q.product?.length ? new Set(q.product) : undefined;
  const filtered = all.filter(
    f =>
      (!severities || severities.has(f.severity)) &&
      (!products || products.has(f.product)) &&
      (!q.controlId || f.controlId === q.controlId) &&
      (!q.resourceType || f.resourceType === q.resourceType) &&
      (!search ||
        f.title.toLowerCase().includes(search) ||
        f.resourceId.toLowerCase().includes(search) ||
        (f.controlId ?? '').toLowerCase().includes(search)),
  );
  const bySeverity = Object.fromEntries(SEVERITIES.map(s => [s, 0])) as Record<
    Severity,
    number
  >;
  for (const f of filtered) bySeverity[f.severity]++;

  const sort = q.sort ?? 'severity';
  const direction =
    (q.order ?? (sort === 'lastSeen' ? 'desc' : 'asc')) === 'asc' ? 1 : -1;
  const compare = (a: Finding, b: Finding): number => {
    switch (sort) {
      case 'severity':
        return (
          severityRank(a.severity) - severityRank(b.severity) ||
          b.lastSeen.localeCompare(a.lastSeen)
        );
      case 'lastSeen':
        return a.lastSeen.localeCompare(b.lastSeen);
      case 'title':
        return a.title.localeCompare(b.title);
      case 'product':
        return a.product.localeCompare(b.product);
      default:
        return 0;
    }
  };
  filtered.sort((a, b) => direction * compare(a, b));

  const pageSize = q.pageSize ?? 25;
  const page = q.page ?? 0;
  return {
    items: filtered.slice(page * pageSize, (page + 1) * pageSize),
    total: filtered.length,
    bySeverity,
  };
}
