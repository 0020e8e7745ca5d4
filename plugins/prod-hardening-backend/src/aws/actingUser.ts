import { createHash } from 'node:crypto';
import type { Tag } from '@aws-sdk/client-sts';

/**
 * The portal user on whose behalf remediation calls run. CloudTrail records the
 * assumed-role session's SourceIdentity and tags with every call made with it, so
 * "who changed this" is answered by AWS itself, not only by the portal's history.
 */
export interface ActingUser {
  /** The Backstage entity ref of the signed-in user, e.g. `user:default/jane.doe`. */
  userRef: string;
  /** The remediation plan being executed, when there is one. */
  planId?: string;
}

/** Session tag keys; the remediation role's trust policy allows exactly these. */
export const SESSION_TAG_KEYS = {
  user: 'prod-hardening:user',
  planId: 'prod-hardening:plan-id',
} as const;

// AWS: SourceIdentity and RoleSessionName are 2–64 characters of [\w+=,.@-].
const IDENTITY_MAX = 64;
const IDENTITY_DISALLOWED = /[^\w+=,.@-]/g;
// AWS: tag values are up to 256 characters of letters, digits, spaces and _.:/=+-@.
const TAG_VALUE_MAX = 256;
const TAG_VALUE_DISALLOWED = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu;

/**
 * The SourceIdentity for a user: the entity ref in AWS's character set, with `:` and
 * `/` as `.` (`user:default/jane.doe` → `user.default.jane.doe`) and any other
 * character outside it as `-`. A ref too long for 64 characters keeps its start and
 * ends with a hash of the whole ref, so two long refs never share an identity.
 */
export function sourceIdentityOf(userRef: string): string {
  const sanitised = userRef
    .trim()
    .replace(/[:/]/g, '.')
    .replace(IDENTITY_DISALLOWED, '-');
  if (sanitised.length < 2) {
    throw new Error(
      `Cannot act as "${userRef}": not a user entity ref AWS can record`,
    );
  }
  if (sanitised.length <= IDENTITY_MAX) return sanitised;
  const digest = createHash('sha256').update(userRef).digest('hex').slice(0, 8);
  return `${sanitised.slice(0, IDENTITY_MAX - digest.length - 1)}-${digest}`;
}

/** The session tags naming the user and the plan, in AWS's tag value character set. */
export function sessionTagsOf(actor: ActingUser): Tag[] {
  const tags: Tag[] = [
    { Key: SESSION_TAG_KEYS.user, Value: tagValue(actor.userRef) },
  ];
  if (actor.planId) {
    tags.push({ Key: SESSION_TAG_KEYS.planId, Value: tagValue(actor.planId) });
  }
  return tags;
}

function tagValue(value: string): string {
  return value.replace(TAG_VALUE_DISALLOWED, '_').slice(0, TAG_VALUE_MAX);
}
