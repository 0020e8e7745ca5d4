import type { Entity } from '@backstage/catalog-model';
import {
  EntitySummary,
  hasProdHardeningAnnotations,
} from '@prod-hardening/plugin-prod-hardening-common';

/** Kinds whose views roll up other entities (a System its parts, a Group what it owns). */
const ROLLUP_KINDS = ['system', 'group'];
/** Kinds mapped to AWS by their own annotations. */
const MAPPED_KINDS = ['component', 'resource'];

/**
 * For `EntitySwitch` (and the extensions' filters): Components and Resources with one of
 * the AWS annotations (even a malformed one, so the card can say what is wrong), and
 * every System and Group, whose views roll up their children.
 */
export function isProdHardeningAvailable(entity: Entity): boolean {
  const kind = entity.kind.toLowerCase();
  if (ROLLUP_KINDS.includes(kind)) return true;
  return MAPPED_KINDS.includes(kind) && hasProdHardeningAnnotations(entity);
}

/** Nothing mapped and nothing to explain: the views show nothing at all. */
export function isSummaryEmpty(summary: EntitySummary): boolean {
  return (
    summary.problems.length === 0 &&
    summary.members.every(member => !member.mapped)
  );
}
