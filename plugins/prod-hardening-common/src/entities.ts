import type { AnnotationProblem } from './entityAnnotations';
import type { MicroUsd, IsoMonth } from './finops';
import type { CheckResult, Finding, PostureScore, Severity } from './posture';
import type {
  DeadLetterQueueStatus,
  FallbackStatus,
  ThrottlingCounters,
  Unavailable,
} from './throttling';

/** An annotation problem, with the entity that carries it (a roll-up lists its children's). */
export interface EntityAnnotationProblem extends AnnotationProblem {
  entityRef: string;
}

/**
 * The posture of an entity's resources: each check narrowed to the resources that are the
 * entity's (its status the worst of theirs), the score computed from those like the
 * page's, and the open findings on those resources.
 */
export interface EntityPosture {
  score: PostureScore;
  checks: CheckResult[];
  findings: {
    total: number;
    bySeverity: Record<Severity, number>;
    /** The most severe first, at most ENTITY_FINDINGS_LIMIT. */
    items: Finding[];
  };
  /** Why findings could not be read (the checks are still shown). */
  unavailableReason?: string;
}

/** AI spend of the entity's agents in the AI-cost ledger, this month. */
export interface EntityAiCost {
  month: IsoMonth;
  agents: Array<{
    agent: string;
    monthToDateMicros: MicroUsd;
    forecastMicros: MicroUsd;
  }>;
  monthToDateMicros: MicroUsd;
  /** Month to date plus the last 7 complete days' average for each remaining day. */
  forecastMicros: MicroUsd;
  /** The complete days the figures cover (the current, partial day is never used). */
  throughDay: string | null;
}

export interface EntityCost {
  /**
   * Cost allocation tags and cost categories mapped to the entity, and what the portal
   * has for them (the scheduled Cost Explorer refresh reads cost by service only).
   */
  tags: {
    state: 'unavailable';
    reason: string;
    tagSets: Array<Array<{ key: string; value: string }>>;
    costCategorySets: Array<Array<{ key: string; value: string }>>;
  } | null;
  ai: (({ state: 'ok' } & EntityAiCost) | Unavailable) | null;
}

/** The rate limiter's last hour, for the rate-limiter component. */
export interface EntityThrottling {
  windowMinutes: number;
  redis:
    | { state: 'ok'; totals: ThrottlingCounters; fallback: FallbackStatus }
    | Unavailable;
  dlq: ({ state: 'ok' } & DeadLetterQueueStatus) | Unavailable;
}

/** One entity that the summary covers (the entity itself, or a roll-up's child). */
export interface EntitySummaryMember {
  entityRef: string;
  title?: string;
  /** Explicit ARNs, tag sets, agents or the rate-limiter flag resolved from it. */
  mapped: boolean;
}

/** GET /entities/:kind/:namespace/:name/summary */
export interface EntitySummary {
  entityRef: string;
  kind: string;
  generatedAt: string;
  /** True for a System (its parts) or a Group (what it owns). */
  rollup: boolean;
  members: EntitySummaryMember[];
  /** ARNs the summary looked for (the entity's, or every member's). */
  arns: string[];
  /** Null when nothing mapped selects resources. */
  posture: EntityPosture | null;
  cost: EntityCost;
  /** Null unless the entity (or a member) is the rate limiter. */
  throttling: EntityThrottling | null;
  problems: EntityAnnotationProblem[];
}

/** Findings listed in an entity summary; the counts cover all of them. */
export const ENTITY_FINDINGS_LIMIT = 50;
