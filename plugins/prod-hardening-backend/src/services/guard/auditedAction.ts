import type {
  AuditorService,
  AuditorServiceCreateEventOptions,
  AuditorServiceEvent,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';

/**
 * Opens one audit event. The router binds it to the HTTP request, from which
 * Backstage's auditor reads who asked (and on whose behalf, from where); work without
 * a request (the scheduler, a settlement after a time-out) opens it bare. So services
 * never see the request: they take the actor's entity ref as a plain string.
 */
export type OpenAuditEvent = (
  options: Omit<AuditorServiceCreateEventOptions, 'request'>,
) => Promise<AuditorServiceEvent>;

/**
 * A change a service has prepared from plain values, run by whoever can open its
 * audit event: the router's guarded action for a request, the service itself for
 * scheduled work.
 */
export interface AuditedAction<T> {
  run(openEvent: OpenAuditEvent): Promise<T>;
}

/** How a service records its change as refused before it started (signed out, no permission...). */
export interface AuditedRefusal {
  record(openEvent: OpenAuditEvent, error: Error): Promise<void>;
}

/** Audit events of work no request asked for (scheduled tasks, tests of a service alone). */
export function bareAuditEvents(auditor: AuditorService): OpenAuditEvent {
  return options => auditor.createEvent(options);
}

/**
 * Runs `work` inside one audit event that ends as it does: success with the meta
 * `work` returns, or failure with its error, which is then re-thrown. For audited
 * steps that keep no history row (a history verification, an anomaly answer).
 */
export async function withAuditEvent<T>(
  openEvent: OpenAuditEvent,
  options: Omit<AuditorServiceCreateEventOptions, 'request'>,
  work: () => Promise<{ value: T; meta?: JsonObject }>,
): Promise<T> {
  const event = await openEvent(options);
  try {
    const { value, meta } = await work();
    await event.success({ meta });
    return value;
  } catch (err) {
    await event.fail({ error: err as Error });
    throw err;
  }
}
