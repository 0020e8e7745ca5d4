export type {
  AuditedAction,
  AuditedRefusal,
  OpenAuditEvent,
} from './auditedAction';
export { bareAuditEvents, withAuditEvent } from './auditedAction';
export type { AttemptEnd, AttemptSubject } from './ChangeAttempt';
export { ChangeAttempt } from './ChangeAttempt';
export type { AttemptStart } from './ChangeAttempts';
export { ChangeAttempts } from './ChangeAttempts';
export type { AttemptDeadline } from './deadline';
export { DEFAULT_DEADLINE_MS } from './deadline';
export type { FinalOutcome, RefusalKind } from './outcomes';
export { outcomeOfError, refusalOf } from './outcomes';
