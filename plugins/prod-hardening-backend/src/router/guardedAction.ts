import type { AuditorService } from '@backstage/backend-plugin-api';
import type { BasicPermission } from '@backstage/plugin-permission-common';
import type { Request } from 'express';
import type {
  AuditedAction,
  AuditedRefusal,
  OpenAuditEvent,
} from '../services/guard';
import { authorizeChange, AuthorizeDeps } from './authorize';

export interface GuardedActionDeps extends AuthorizeDeps {
  auditor: AuditorService;
}

export interface GuardedActionSpec<T, P> {
  /** What the person does, for the refusals: "run remediations". */
  what: string;
  /** The permission that allows it; prod-hardening.remediation.execute by default. */
  guard?: { permission: BasicPermission; whoToAsk: string };
  /** The ARNs it changes, each checked with prod-hardening.resource.remediate. */
  affectedResources?: () => Promise<string[]>;
  /** How the service records the change refused before it started. */
  refusal: (actor: string) => AuditedRefusal | Promise<AuditedRefusal>;
  /**
   * A step after the permission checks that must succeed before the change (e.g.
   * reading the person's groups); its error is recorded as a refusal, then thrown.
   */
  prepare?: (actor: string) => Promise<P>;
  /** The change itself, from plain values. */
  action: (
    actor: string,
    prepared: P,
  ) => AuditedAction<T> | Promise<AuditedAction<T>>;
}

/**
 * The one way a route changes anything. The request stays here: it is checked
 * (signed in, a person, the permission, the resources), its audit events are opened
 * bound to it (Backstage's auditor reads who asked and from where from it), and the
 * service gets the actor's entity ref alone. The service's attempt then owns the
 * lock, the history row and the outcome; every refusal on the way is recorded before
 * it is thrown.
 */
export async function guardedAction<T, P = undefined>(
  deps: GuardedActionDeps,
  req: Request,
  spec: GuardedActionSpec<T, P>,
): Promise<T> {
  const openEvent = requestAuditEvents(deps.auditor, req);
  const recordRefusal = async (actor: string, error: Error) => {
    const refusal = await spec.refusal(actor);
    await refusal.record(openEvent, error);
  };
  const actor = await authorizeChange(
    deps,
    req,
    spec.what,
    recordRefusal,
    spec.affectedResources,
    spec.guard,
  );
  let prepared = undefined as P;
  if (spec.prepare) {
    try {
      prepared = await spec.prepare(actor);
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      await recordRefusal(actor, error);
      throw error;
    }
  }
  const action = await spec.action(actor, prepared);
  return action.run(openEvent);
}

/** Audit events that carry the HTTP request, from which the auditor reads the caller. */
export function requestAuditEvents(
  auditor: AuditorService,
  req: Request,
): OpenAuditEvent {
  return options => auditor.createEvent({ ...options, request: req });
}
