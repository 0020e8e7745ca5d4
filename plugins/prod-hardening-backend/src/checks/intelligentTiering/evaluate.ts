import type {
  CheckStatus,
  ResourceEvidence,
} from '@prod-hardening/plugin-prod-hardening-common';
import type { Evaluation } from '../../domain/posture/evaluation';
import { countBy, worstStatus } from '../../domain/posture/evaluation';

/** One lifecycle rule of a bucket, as read. */
export interface LifecycleRuleFacts {
  id?: string;
  enabled: boolean;
  /** The key prefix the rule is limited to; '' or undefined for every key. */
  prefix?: string;
  /** Tags an object must carry for the rule to apply. */
  tags: string[];
  transitions: Array<{ storageClass: string; days?: number; date?: string }>;
  noncurrentExpirationDays?: number;
}

export interface IntelligentTieringFacts {
  buckets: Array<{
    name: string;
    arn: string;
    found: boolean;
    /** Enabled or Suspended; undefined for a bucket that never had versioning. */
    versioning?: string;
    rules: LifecycleRuleFacts[];
  }>;
}

const TIER = 'INTELLIGENT_TIERING';

/** What part of the bucket a rule covers, or undefined for all of it. */
function scopeOf(rule: LifecycleRuleFacts): string | undefined {
  const parts = [
    ...(rule.prefix ? [`prefix ${rule.prefix}`] : []),
    ...rule.tags.map(t => `tag ${t}`),
  ];
  return parts.length ? parts.join(' and ') : undefined;
}

const ruleName = (rule: LifecycleRuleFacts) => `rule ${rule.id ?? '(no id)'}`;

function describeTransition(rule: LifecycleRuleFacts): string {
  const t = rule.transitions.find(x => x.storageClass === TIER)!;
  const when = t.date ? `from ${t.date}` : `after ${t.days ?? 0} days`;
  const scope = scopeOf(rule);
  return `${ruleName(rule)}: ${TIER} ${when}${scope ? ` (${scope} only)` : ''}`;
}

interface Part {
  status: CheckStatus;
  text: string;
}

function tieringPart(rules: LifecycleRuleFacts[]): Part {
  const tiering = rules.filter(r =>
    r.transitions.some(t => t.storageClass === TIER),
  );
  const active = tiering.filter(r => r.enabled);
  if (active.length === 0) {
    return {
      status: 'FAIL',
      text: tiering.length
        ? `${ruleName(tiering[0])} moves objects to ${TIER} but is disabled`
        : `no lifecycle rule moves objects to ${TIER}`,
    };
  }
  const whole = active.find(r => scopeOf(r) === undefined);
  if (whole) return { status: 'PASS', text: describeTransition(whole) };
  return {
    status: 'WARN',
    text: `${active
      .map(describeTransition)
      .join(', ')}: the rest of the bucket stays in its storage class`,
  };
}

function noncurrentPart(
  versioning: string | undefined,
  rules: LifecycleRuleFacts[],
): Part {
  const expiring = rules.find(
    r =>
      r.enabled &&
      r.noncurrentExpirationDays !== undefined &&
      scopeOf(r) === undefined,
  );
  const expiry = expiring
    ? `noncurrent versions expire after ${
        expiring.noncurrentExpirationDays
      } days (${ruleName(expiring)})`
    : undefined;
  if (!versioning) {
    return { status: 'PASS', text: expiry ?? 'versioning off' };
  }
  if (!expiring) {
    return {
      status: 'FAIL',
      text: `versioning ${versioning} and noncurrent versions never expire: every overwrite is kept and billed`,
    };
  }
  return { status: 'PASS', text: `versioning ${versioning}, ${expiry}` };
}

/**
 * The seed's Day 10: the named buckets move every object to S3 Intelligent-Tiering by
 * lifecycle rule (it moves cold objects to cheaper tiers and back on access, with no
 * retrieval fee), and a versioned bucket lets its noncurrent versions expire.
 */
export function evaluateIntelligentTiering(
  f: IntelligentTieringFacts,
): Evaluation {
  const resources: ResourceEvidence[] = f.buckets.map(b => {
    const resourceId = b.arn;
    const resourceType = 'AwsS3Bucket';
    if (!b.found) {
      return {
        resourceId,
        resourceType,
        status: 'WARN',
        evidence: `bucket ${b.name} not found`,
      };
    }
    const parts = [tieringPart(b.rules), noncurrentPart(b.versioning, b.rules)];
    return {
      resourceId,
      resourceType,
      status: worstStatus(parts.map(p => p.status)),
      evidence: parts.map(p => p.text).join('; '),
    };
  });
  const failing = countBy(resources, 'FAIL');
  return {
    status: worstStatus(resources.map(r => r.status)),
    summary: failing
      ? `${failing} of ${f.buckets.length} buckets do not move objects to Intelligent-Tiering or keep noncurrent versions forever.`
      : `${countBy(resources, 'PASS')} of ${
          f.buckets.length
        } buckets move every object to Intelligent-Tiering and expire noncurrent versions.`,
    resources,
  };
}
