/**
 * The catalog annotations that map an entity to AWS, and their parsing. Pure: the
 * frontend uses it to decide whether to show the entity card, the backend to resolve
 * the entity's resources. A malformed annotation is a listed problem, never an
 * exception, so one typo does not hide the rest of the entity's mapping.
 */

/** Our own annotations, all under one prefix. */
export const PROD_HARDENING_ANNOTATIONS = {
  /** Comma-separated ARNs of the entity's AWS resources. */
  awsArns: 'prod-hardening.io/aws-arns',
  /** `key=value,key=value`: the entity's resources carry all of these tags. */
  resourceTags: 'prod-hardening.io/resource-tags',
  /** `true` on the component that is the rate limiter: its page shows the throttling. */
  rateLimiter: 'prod-hardening.io/rate-limiter',
  /** Comma-separated agent ids of the AI-cost ledger whose spend is this entity's. */
  aiAgent: 'prod-hardening.io/ai-agent',
} as const;

/**
 * Annotations of AWS's own Backstage plugins (awslabs/backstage-plugins-for-aws) that mean
 * the same as one of ours, accepted as they spell them so their users need no second set.
 */
export const AWS_PLUGIN_ANNOTATIONS = {
  /** Security Hub plugin: findings of resources with these tags, `key=value,...`. */
  securityHubFindingsTags: 'aws.amazon.com/aws-securityhub-findings-tags',
  /** Cost Insights plugin: costs of resources with these cost allocation tags, `key=value,...`. */
  costInsightsTags: 'aws.amazon.com/cost-insights-tags',
  /** Cost Insights plugin: costs in these cost categories, `category=value,...`. */
  costInsightsCostCategories: 'aws.amazon.com/cost-insights-cost-categories',
  /** ECS plugin: the ECS services with these tags, `key=value,...`. */
  ecsServiceTags: 'aws.amazon.com/amazon-ecs-service-tags',
  /** ECS plugin: one ECS service by ARN. */
  ecsServiceArn: 'aws.amazon.com/amazon-ecs-service-arn',
} as const;

const ALL_ANNOTATIONS: string[] = [
  ...Object.values(PROD_HARDENING_ANNOTATIONS),
  ...Object.values(AWS_PLUGIN_ANNOTATIONS),
];

/** The part of a catalog entity this module reads (a structural subset of `Entity`). */
export interface AnnotatedEntity {
  metadata: { annotations?: Record<string, string> };
}

export interface ResourceTag {
  key: string;
  value: string;
}

/** What an entity's annotations say about its AWS resources. */
export interface EntityAwsMapping {
  /** Explicit ARNs (aws-arns, amazon-ecs-service-arn), deduplicated. */
  arns: string[];
  /**
   * Tag sets that select the entity's resources (for posture and findings): a resource
   * belongs to the entity when it carries every tag of one set.
   */
  resourceTagSets: ResourceTag[][];
  /** Cost allocation tag sets (cost-insights-tags, resource-tags). */
  costTagSets: ResourceTag[][];
  /** Cost category sets (cost-insights-cost-categories). */
  costCategorySets: ResourceTag[][];
  /** The entity is the rate limiter. */
  rateLimiter: boolean;
  /** Agent ids in the AI-cost ledger. */
  aiAgents: string[];
}

/** An annotation (or a part of one) that could not be resolved, and why. */
export interface AnnotationProblem {
  annotation: string;
  /** The offending value (or part of it), as written. */
  value: string;
  reason: string;
}

export interface ResolvedAnnotations {
  mapping: EntityAwsMapping;
  problems: AnnotationProblem[];
}

/** `arn:partition:service:region:account:resource`; S3 and IAM leave region/account empty. */
const ARN_PATTERN =
  /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b):([a-z0-9-]+):([a-z0-9-]*):(\d{12})?:(.+)$/;
const AGENT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
/** AWS tag keys: 1–128 characters, no `aws:` prefix needed here (we only read). */
const TAG_KEY_MAX = 128;
const TAG_VALUE_MAX = 256;

/** True when the entity carries any annotation this plugin reads (even a malformed one). */
export function hasProdHardeningAnnotations(entity: AnnotatedEntity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return ALL_ANNOTATIONS.some(name => (annotations[name] ?? '').trim() !== '');
}

/** True when the mapping selects anything at all. */
export function isMappingEmpty(mapping: EntityAwsMapping): boolean {
  return (
    mapping.arns.length === 0 &&
    mapping.resourceTagSets.length === 0 &&
    mapping.costTagSets.length === 0 &&
    mapping.costCategorySets.length === 0 &&
    !mapping.rateLimiter &&
    mapping.aiAgents.length === 0
  );
}

/** Reads every annotation this plugin knows; problems instead of exceptions. */
export function resolveEntityAnnotations(
  entity: AnnotatedEntity,
): ResolvedAnnotations {
  const annotations = entity.metadata.annotations ?? {};
  const problems: AnnotationProblem[] = [];
  const read = (name: string): string | undefined => {
    const value = annotations[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.trim() === '') {
      problems.push({
        annotation: name,
        value: String(value),
        reason: 'The annotation is empty.',
      });
      return undefined;
    }
    return value;
  };

  const arns = new Set<string>();
  for (const name of [
    PROD_HARDENING_ANNOTATIONS.awsArns,
    AWS_PLUGIN_ANNOTATIONS.ecsServiceArn,
  ]) {
    const value = read(name);
    if (value === undefined) continue;
    for (const arn of splitList(value)) {
      const reason = arnProblem(arn, name);
      if (reason) problems.push({ annotation: name, value: arn, reason });
      else arns.add(arn);
    }
  }

  const tagSets = (name: string) => {
    const value = read(name);
    if (value === undefined) return [];
    const parsed = parseTags(value);
    problems.push(...parsed.problems.map(p => ({ annotation: name, ...p })));
    return parsed.tags.length > 0 ? [parsed.tags] : [];
  };
  const ourTags = tagSets(PROD_HARDENING_ANNOTATIONS.resourceTags);
  const resourceTagSets = [
    ...ourTags,
    ...tagSets(AWS_PLUGIN_ANNOTATIONS.securityHubFindingsTags),
    ...tagSets(AWS_PLUGIN_ANNOTATIONS.ecsServiceTags),
  ];
  const costTagSets = [
    ...ourTags,
    ...tagSets(AWS_PLUGIN_ANNOTATIONS.costInsightsTags),
  ];
  const costCategorySets = tagSets(
    AWS_PLUGIN_ANNOTATIONS.costInsightsCostCategories,
  );

  let rateLimiter = false;
  const limiter = read(PROD_HARDENING_ANNOTATIONS.rateLimiter);
  if (limiter !== undefined) {
    const normalised = limiter.trim().toLowerCase();
    if (normalised === 'true') rateLimiter = true;
    else if (normalised !== 'false') {
      problems.push({
        annotation: PROD_HARDENING_ANNOTATIONS.rateLimiter,
        value: limiter,
        reason: 'Expected "true" or "false".',
      });
    }
  }

  const aiAgents = new Set<string>();
  const agents = read(PROD_HARDENING_ANNOTATIONS.aiAgent);
  if (agents !== undefined) {
    for (const agent of splitList(agents)) {
      if (AGENT_ID_PATTERN.test(agent)) aiAgents.add(agent);
      else {
        problems.push({
          annotation: PROD_HARDENING_ANNOTATIONS.aiAgent,
          value: agent,
          reason:
            'An agent id is 1–64 letters, digits, ".", "_", ":" or "-", starting with a letter or digit.',
        });
      }
    }
  }

  return {
    mapping: {
      arns: [...arns],
      resourceTagSets,
      costTagSets,
      costCategorySets,
      rateLimiter,
      aiAgents: [...aiAgents],
    },
    problems,
  };
}

/** Comma-separated items, trimmed; empty items (a trailing comma) are dropped. */
function splitList(value: string): string[] {
  return value
    .split(',')
    .map(item => item.trim())
    .filter(item => item !== '');
}

function arnProblem(arn: string, annotation: string): string | undefined {
  const match = ARN_PATTERN.exec(arn);
  if (!match) {
    return 'Not an ARN (expected arn:partition:service:region:account:resource).';
  }
  if (
    annotation === AWS_PLUGIN_ANNOTATIONS.ecsServiceArn &&
    !(match[2] === 'ecs' && match[5].startsWith('service/'))
  ) {
    return 'Not an ECS service ARN (arn:aws:ecs:region:account:service/cluster/name).';
  }
  return undefined;
}

/**
 * `key=value,key=value`, the format of AWS's plugins. The value may contain "=" (split
 * on the first one); a repeated key with another value can never match, so it is a problem.
 */
export function parseTags(value: string): {
  tags: ResourceTag[];
  problems: Omit<AnnotationProblem, 'annotation'>[];
} {
  const tags: ResourceTag[] = [];
  const problems: Omit<AnnotationProblem, 'annotation'>[] = [];
  for (const pair of splitList(value)) {
    const at = pair.indexOf('=');
    const key = at < 0 ? pair : pair.slice(0, at).trim();
    const tagValue = at < 0 ? '' : pair.slice(at + 1).trim();
    if (at < 0 || key === '') {
      problems.push({ value: pair, reason: 'Expected key=value.' });
    } else if (key.length > TAG_KEY_MAX || tagValue.length > TAG_VALUE_MAX) {
      problems.push({
        value: pair,
        reason: `A tag key is at most ${TAG_KEY_MAX} characters and a value at most ${TAG_VALUE_MAX}.`,
      });
    } else if (tags.some(t => t.key === key && t.value !== tagValue)) {
      problems.push({
        value: pair,
        reason: `Tag ${key} is given twice with different values; no resource can match both.`,
      });
    } else if (!tags.some(t => t.key === key)) {
      tags.push({ key, value: tagValue });
    }
  }
  return { tags, problems };
}
