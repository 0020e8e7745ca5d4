import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AiDailyCost,
  EntityAnnotationProblem,
  EntityAwsMapping,
  EntityCost,
  EntitySummary,
  EntitySummaryMember,
  EntityThrottling,
  Finding,
  isMappingEmpty,
  PostureReport,
  resolveEntityAnnotations,
  ThrottlingOverview,
} from '@prod-hardening/plugin-prod-hardening-common';
import {
  aiCostOfAgents,
  createResourceMatcher,
  entityPosture,
  mergeMappings,
} from '../../domain/entities';

/** The throttling summary covers the limiter's last hour. */
export const ENTITY_THROTTLING_MINUTES = 60;

/**
 * Catalog kinds whose page rolls up other entities: a System its parts, a Group what it
 * owns (and the parts of the Systems it owns).
 */
const ROLLUP_KINDS = new Set(['system', 'group']);
const PART_KINDS = ['Component', 'Resource'];

/** What the summary reads; each is the cached source the account-wide pages use. */
export interface EntitySummarySources {
  catalog: Pick<CatalogService, 'getEntityByRef' | 'getEntities'>;
  posture: {
    getReport(): Promise<PostureReport>;
    getOpenFindings(): Promise<{ list: Finding[]; unavailableReason?: string }>;
  };
  finops: {
    getAiDailyCosts(): Promise<
      | { state: 'ok'; daily: AiDailyCost[] }
      | { state: 'unavailable'; reason: string }
    >;
  };
  throttling: { getOverview(minutes: number): Promise<ThrottlingOverview> };
  now?: () => Date;
}

/**
 * An entity's posture, cost and throttling: the entity is read from the catalog with
 * the caller's credentials (so the catalog's own permissions apply), its annotations
 * are resolved, and the account-wide data the pages already hold is narrowed to it.
 */
export class EntitySummaryService {
  private readonly now: () => Date;

  constructor(private readonly sources: EntitySummarySources) {
    this.now = sources.now ?? (() => new Date());
  }

  async getSummary(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<EntitySummary> {
    const entity = await this.sources.catalog.getEntityByRef(ref, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(
        `There is no entity ${stringifyEntityRef(ref)} in the catalog.`,
      );
    }
    const entityRef = stringifyEntityRef(entity);
    const rollup = ROLLUP_KINDS.has(entity.kind.toLowerCase());
    const members = rollup
      ? [entity, ...(await this.childrenOf(entity, credentials))]
      : [entity];

    const resolved = members.map(member => ({
      member,
      ...resolveEntityAnnotations(member),
    }));
    const mapping = mergeMappings(resolved.map(r => r.mapping));
    const problems: EntityAnnotationProblem[] = resolved.flatMap(r =>
      r.problems.map(p => ({ entityRef: stringifyEntityRef(r.member), ...p })),
    );

    const [posture, cost, throttling] = await Promise.all([
      this.posture(mapping),
      this.cost(mapping),
      mapping.rateLimiter ? this.throttling() : Promise.resolve(null),
    ]);

    return {
      entityRef,
      kind: entity.kind,
      generatedAt: this.now().toISOString(),
      rollup,
      members: resolved.map(
        (r): EntitySummaryMember => ({
          entityRef: stringifyEntityRef(r.member),
          ...(r.member.metadata.title
            ? { title: r.member.metadata.title }
            : {}),
          mapped: !isMappingEmpty(r.mapping),
        }),
      ),
      arns: mapping.arns,
      posture,
      cost,
      throttling,
      problems,
    };
  }

  /** A System's parts; a Group's owned entities and the parts of its Systems. */
  private async childrenOf(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    const ref = stringifyEntityRef(entity);
    const found = new Map<string, Entity>();
    const add = (list: Entity[]) => {
      for (const e of list) {
        const key = stringifyEntityRef(e);
        if (key !== ref) found.set(key, e);
      }
    };
    // The relation comes before the kinds in each filter: the catalog does not care, but
    // the in-memory catalog of the tests stops at the first list-valued key.
    const partsOf = async (systemRef: string) =>
      (
        await this.sources.catalog.getEntities(
          { filter: { 'relations.partOf': systemRef, kind: PART_KINDS } },
          { credentials },
        )
      ).items;

    if (entity.kind.toLowerCase() === 'system') {
      add(await partsOf(ref));
    } else {
      const owned = (
        await this.sources.catalog.getEntities(
          {
            filter: {
              'relations.ownedBy': ref,
              kind: [...PART_KINDS, 'System'],
            },
          },
          { credentials },
        )
      ).items;
      add(owned);
      for (const system of owned.filter(e => e.kind === 'System')) {
        add(await partsOf(stringifyEntityRef(system)));
      }
    }
    return [...found.values()].sort((a, b) =>
      stringifyEntityRef(a).localeCompare(stringifyEntityRef(b)),
    );
  }

  private async posture(
    mapping: EntityAwsMapping,
  ): Promise<EntitySummary['posture']> {
    const matcher = createResourceMatcher(mapping);
    if (!matcher.selectsResources) return null;
    const [report, findings] = await Promise.all([
      this.sources.posture.getReport(),
      this.sources.posture.getOpenFindings(),
    ]);
    return entityPosture({
      checks: report.checks,
      findings: findings.list,
      findingsUnavailableReason: findings.unavailableReason,
      matcher,
    });
  }

  private async cost(mapping: EntityAwsMapping): Promise<EntityCost> {
    const tags: EntityCost['tags'] =
      mapping.costTagSets.length > 0 || mapping.costCategorySets.length > 0
        ? {
            state: 'unavailable',
            reason:
              'Cost by tag or cost category is not read yet: the scheduled Cost Explorer refresh reads cost by service only.',
            tagSets: mapping.costTagSets,
            costCategorySets: mapping.costCategorySets,
          }
        : null;
    if (mapping.aiAgents.length === 0) return { tags, ai: null };
    const ledger = await this.sources.finops.getAiDailyCosts();
    return {
      tags,
      ai:
        ledger.state === 'ok'
          ? {
              state: 'ok',
              ...aiCostOfAgents({
                now: this.now(),
                agents: mapping.aiAgents,
                daily: ledger.daily,
              }),
            }
          : ledger,
    };
  }

  private async throttling(): Promise<EntityThrottling> {
    const overview = await this.sources.throttling.getOverview(
      ENTITY_THROTTLING_MINUTES,
    );
    return {
      windowMinutes: overview.windowMinutes,
      redis:
        overview.redis.state === 'ok'
          ? {
              state: 'ok',
              totals: overview.redis.totals,
              fallback: overview.redis.fallback,
            }
          : overview.redis,
      dlq: overview.dlq,
    };
  }
}
