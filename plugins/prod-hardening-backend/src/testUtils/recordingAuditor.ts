import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';

export interface RecordedAuditEvent {
  eventId: string;
  /** initiated until success() or fail() is called. */
  status: 'initiated' | 'succeeded' | 'failed';
  meta: Record<string, unknown>;
  /** The meta given to success() or fail(). */
  endMeta?: Record<string, unknown>;
  error?: string;
}

/** An auditor that keeps every event, so a test can see that each one completed. */
export function recordingAuditor() {
  const events: RecordedAuditEvent[] = [];
  const factory = createServiceFactory({
    service: coreServices.auditor,
    deps: {},
    factory: () => ({
      async createEvent(options) {
        const event: RecordedAuditEvent = {
          eventId: options.eventId,
          status: 'initiated',
          meta: { ...options.meta },
        };
        events.push(event);
        return {
          async success(end) {
            event.status = 'succeeded';
            event.endMeta = { ...end?.meta };
          },
          async fail(end) {
            event.status = 'failed';
            event.endMeta = { ...end.meta };
            event.error = end.error.message;
          },
        };
      },
    }),
  });
  return { events, factory };
}
