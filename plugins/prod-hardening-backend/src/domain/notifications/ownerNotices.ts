import type {
  ApprovalRequest,
  BudgetStatus,
  CostForecast,
  DeadLetterQueueStatus,
  Exemption,
  FallbackStatus,
  Finding,
} from '@prod-hardening/plugin-prod-hardening-common';
import type { ResourceMatcher } from '../entities';

/** Backstage's notification severities. */
export type NoticeSeverity = 'critical' | 'high' | 'normal' | 'low';

/**
 * A notification to send to the owners of something the portal watches. A notice is
 * sent once per `key` and again only when its `fingerprint` changes (a finding's
 * severity, a new fallback episode), so a scan every few minutes tells nobody twice.
 */
export interface OwnerNotice {
  key: string;
  fingerprint: string;
  /** Group or user entity refs; Backstage resolves groups to their members. */
  recipients: string[];
  title: string;
  description: string;
  /** A path of the portal the notice opens. */
  link: string;
  severity: NoticeSeverity;
  /** Users can mute a topic in their notification settings. */
  topic: NoticeTopic;
}

export const NOTICE_TOPICS = {
  findings: 'Security findings',
  budget: 'Budget',
  throttling: 'Rate limiter',
  remediation: 'Remediation',
  approvals: 'Approvals',
  exemptions: 'Exemptions',
} as const;
export type NoticeTopic = (typeof NOTICE_TOPICS)[keyof typeof NOTICE_TOPICS];

/** A catalog entity the portal can map to AWS, with who owns it. */
export interface OwnedMapping {
  entityRef: string;
  title: string;
  owners: string[];
  matcher: ResourceMatcher;
  rateLimiter: boolean;
}

/** The portal paths notices link to. */
export const NOTICE_LINKS = {
  finding: (id: string) =>
    `/prod-hardening/posture?finding=${encodeURIComponent(id)}`,
  finops: '/prod-hardening/finops',
  throttling: '/prod-hardening/throttling',
  remediationHistory: '/prod-hardening/posture',
  approval: (id: string) =>
    `/prod-hardening/approvals?request=${encodeURIComponent(id)}`,
};

const NOTIFIED_SEVERITIES = new Set(['CRITICAL', 'HIGH']);

/** The entities a resource belongs to, by ARN, name or tags. */
function entitiesOf(
  resourceId: string,
  tags: Record<string, string> | undefined,
  mappings: OwnedMapping[],
): OwnedMapping[] {
  return mappings.filter(m => m.matcher.matches(resourceId, tags));
}

function ownersOf(entities: OwnedMapping[]): string[] {
  return [...new Set(entities.flatMap(e => e.owners))].sort();
}

/**
 * A high or critical open finding on an owned resource → its owners. A finding on a
 * resource nobody owns in the catalog tells nobody (the account-wide page shows it).
 */
export function findingNotices(
  findings: Finding[],
  mappings: OwnedMapping[],
): OwnerNotice[] {
  const notices: OwnerNotice[] = [];
  for (const finding of findings) {
    if (!NOTIFIED_SEVERITIES.has(finding.severity)) continue;
    const entities = entitiesOf(
      finding.resourceId,
      finding.resourceTags,
      mappings,
    );
    const recipients = ownersOf(entities);
    if (recipients.length === 0) continue;
    const names = entities.map(e => e.title).join(', ');
    notices.push({
      key: `finding:${finding.id}`,
      fingerprint: finding.severity,
      recipients,
      title: `${finding.severity} finding on ${names}: ${finding.title}`,
      description: `${finding.product} reports ${finding.resourceId}${
        finding.controlId ? ` (${finding.controlId})` : ''
      }.`,
      link: NOTICE_LINKS.finding(finding.id),
      severity: finding.severity === 'CRITICAL' ? 'critical' : 'high',
      topic: NOTICE_TOPICS.findings,
    });
  }
  return notices;
}

const usd = (micros: number) =>
  `$${(micros / 1_000_000).toLocaleString('en-US', {
    maximumFractionDigits: 0,
  })}`;

export const BUDGET_FORECAST_PERCENT = 80;
export const BUDGET_ACTUAL_PERCENT = 100;

/**
 * The month's budget → the FinOps group: the forecast over 80 % of the limit, the
 * actual spend over 100 %, each once a month. AWS Budgets' figures when the budget is
 * read; the portal's own forecast otherwise.
 */
export function budgetNotices(input: {
  month: string;
  budget: BudgetStatus | null;
  forecast: CostForecast | null;
  finopsGroup: string;
}): OwnerNotice[] {
  const figures = input.budget
    ? {
        name: input.budget.name,
        limit: input.budget.limitMicros,
        actual: input.budget.actualMicros,
        forecast: input.budget.forecastMicros,
      }
    : input.forecast
    ? {
        name: 'the monthly budget',
        limit: input.forecast.budgetMicros,
        actual: input.forecast.burn.monthToDateMicros,
        forecast: input.forecast.runRate.monthEndMicros,
      }
    : undefined;
  if (!figures || figures.limit <= 0) return [];
  const percent = (v: number) => (v / figures.limit) * 100;
  const notices: OwnerNotice[] = [];
  const base = {
    fingerprint: input.month,
    recipients: [input.finopsGroup],
    link: NOTICE_LINKS.finops,
    topic: NOTICE_TOPICS.budget,
  };
  if (percent(figures.actual) > BUDGET_ACTUAL_PERCENT) {
    notices.push({
      ...base,
      key: `budget:${input.month}:actual`,
      title: `Spend is over ${figures.name}: ${usd(figures.actual)} of ${usd(
        figures.limit,
      )}`,
      description: `The month ${input.month} has spent ${Math.round(
        percent(figures.actual),
      )} % of its budget.`,
      severity: 'critical',
    });
  }
  if (
    figures.forecast !== null &&
    percent(figures.forecast) > BUDGET_FORECAST_PERCENT
  ) {
    notices.push({
      ...base,
      key: `budget:${input.month}:forecast`,
      title: `Forecast at ${Math.round(percent(figures.forecast))} % of ${
        figures.name
      }`,
      description: `The month ${input.month} is forecast to end at ${usd(
        figures.forecast,
      )} against ${usd(figures.limit)}.`,
      severity: 'high',
    });
  }
  return notices;
}

/** Limiter incidents: what to send, and which earlier incidents have ended. */
export interface ThrottlingNotices {
  notices: OwnerNotice[];
  /** Keys of incidents that are over: the next one is told again. */
  ended: string[];
}

export const DLQ_NOTICE_KEY = 'throttling:dlq';
export const FALLBACK_NOTICE_KEY = 'throttling:fallback';

/**
 * The rate limiter's DLQ holding messages for longer than `dlqMinutes`, or the
 * limiter deciding without Redis → the owners of the rate-limiter component. Each
 * incident is told once; when the DLQ is empty again (or the fallback ends) the next
 * one is told anew. Unreadable states end nothing and tell nothing.
 */
export function throttlingNotices(input: {
  dlq: DeadLetterQueueStatus | null;
  fallback: FallbackStatus | null;
  dlqMinutes: number;
  mappings: OwnedMapping[];
}): ThrottlingNotices {
  const limiters = input.mappings.filter(m => m.rateLimiter);
  const recipients = ownersOf(limiters);
  const notices: OwnerNotice[] = [];
  const ended: string[] = [];
  const { dlq, fallback } = input;
  if (dlq) {
    const holding = dlq.depth + dlq.inFlight > 0;
    const age = dlq.oldestAgeSeconds;
    if (!holding) ended.push(DLQ_NOTICE_KEY);
    else if (
      recipients.length > 0 &&
      age !== null &&
      age >= input.dlqMinutes * 60
    ) {
      notices.push({
        key: DLQ_NOTICE_KEY,
        fingerprint: 'holding',
        recipients,
        title: `The rate limiter's DLQ has held messages for ${Math.floor(
          age / 60,
        )} minutes`,
        description: `${dlq.depth} messages wait in ${dlq.queueName}; redrive them from the Throttling tab once the cause is fixed.`,
        link: NOTICE_LINKS.throttling,
        severity: 'high',
        topic: NOTICE_TOPICS.throttling,
      });
    }
  }
  if (fallback) {
    if (!fallback.active) ended.push(FALLBACK_NOTICE_KEY);
    else if (recipients.length > 0) {
      notices.push({
        key: FALLBACK_NOTICE_KEY,
        fingerprint: fallback.since ?? 'active',
        recipients,
        title: 'The rate limiter decides without Redis (fallback)',
        description: `Since ${fallback.since ?? 'an unknown time'}${
          fallback.reason ? `: ${fallback.reason}` : ''
        }. Limits are kept per instance only until Redis is back.`,
        link: NOTICE_LINKS.throttling,
        severity: 'critical',
        topic: NOTICE_TOPICS.throttling,
      });
    }
  }
  return { notices, ended };
}

/** A remediation that changed the account → the owners of the changed resource. */
export function remediationNotice(input: {
  historyId: string;
  checkTitle: string;
  resourceId: string;
  actor: string;
  outcome: string;
  mappings: OwnedMapping[];
}): OwnerNotice | undefined {
  const entities = entitiesOf(input.resourceId, undefined, input.mappings);
  const recipients = ownersOf(entities);
  if (recipients.length === 0) return undefined;
  return {
    key: `remediation:${input.historyId}`,
    fingerprint: input.outcome,
    recipients,
    title: `Remediation ${input.outcome}: ${input.checkTitle}`,
    description: `${input.actor} remediated ${input.resourceId} (${entities
      .map(e => e.title)
      .join(', ')}).`,
    link: NOTICE_LINKS.remediationHistory,
    severity: input.outcome === 'succeeded' ? 'normal' : 'high',
    topic: NOTICE_TOPICS.remediation,
  };
}

/**
 * A four-eyes request: its approvers are told when it is asked, the requester when it
 * is decided, both when it ran; nothing for an expired one (nobody acted).
 */
export function approvalNotice(
  approval: ApprovalRequest,
  checkTitle: string,
): OwnerNotice | undefined {
  const base = {
    key: `approval:${approval.id}`,
    fingerprint: approval.status,
    link: NOTICE_LINKS.approval(approval.id),
    topic: NOTICE_TOPICS.approvals,
  };
  switch (approval.status) {
    case 'pending':
      return {
        ...base,
        recipients: approval.approverGroups,
        title: `Approval requested: ${checkTitle}`,
        description: `${approval.requester} asks to change ${approval.resourceId}: ${approval.reason} Decide by ${approval.expiresAt}.`,
        severity: 'high',
      };
    case 'approved':
    case 'rejected':
      return {
        ...base,
        recipients: [approval.requester],
        title: `Remediation ${approval.status}: ${checkTitle}`,
        description: `${approval.decidedBy} ${
          approval.status
        } your request to change ${approval.resourceId}${
          approval.decisionComment ? `: ${approval.decisionComment}` : '.'
        }`,
        severity: 'normal',
      };
    case 'executed':
      return {
        ...base,
        recipients: [
          approval.requester,
          ...(approval.decidedBy ? [approval.decidedBy] : []),
        ],
        title: `Approved remediation executed: ${checkTitle}`,
        description: `${approval.executedBy} executed the approved change of ${approval.resourceId}.`,
        severity: 'normal',
      };
    default:
      return undefined;
  }
}

/** How long after its end an exemption is still told (a scan every few minutes finds it). */
export const EXEMPTION_ENDED_WINDOW_MS = 24 * 60 * 60_000;

/**
 * An exemption that ended (revoked, or expired) in the last day → the owners of its
 * resource and whoever created it: the item counts in the score again and may be
 * remediated. Older endings are not told, so a first scan does not replay history.
 */
export function exemptionEndedNotices(
  exemptions: Exemption[],
  mappings: OwnedMapping[],
  checkTitle: (checkId: string) => string,
  nowMs: number,
): OwnerNotice[] {
  const notices: OwnerNotice[] = [];
  for (const e of exemptions) {
    if (e.status === 'active') continue;
    const endedAt = e.revokedAt ?? e.expiresAt;
    const endedMs = Date.parse(endedAt);
    if (endedMs > nowMs || nowMs - endedMs > EXEMPTION_ENDED_WINDOW_MS) {
      continue;
    }
    const entities = entitiesOf(e.resourceId, undefined, mappings);
    const item =
      e.kind === 'finding'
        ? `the finding on ${e.resourceId}`
        : `${checkTitle(e.checkId ?? '')} on ${e.resourceId}`;
    const how =
      e.status === 'revoked'
        ? `was revoked by ${e.revokedBy} at ${endedAt}`
        : `expired at ${endedAt}`;
    notices.push({
      key: `exemption-ended:${e.id}`,
      fingerprint: e.status,
      recipients: [...new Set([...ownersOf(entities), e.createdBy])].sort(),
      title: `Exemption ended: ${item}`,
      description: `The exemption of ${item} (${
        e.justification
      }) ${how}. It counts in the score again${
        e.kind === 'finding'
          ? ' and its Security Hub workflow status is restored'
          : ''
      }.`,
      link:
        e.kind === 'finding' && e.findingId
          ? NOTICE_LINKS.finding(e.findingId)
          : NOTICE_LINKS.remediationHistory,
      severity: 'normal',
      topic: NOTICE_TOPICS.exemptions,
    });
  }
  return notices;
}

/** The notices not sent yet, or sent with another fingerprint. */
export function unsentNotices(
  notices: OwnerNotice[],
  sent: ReadonlyMap<string, string>,
): OwnerNotice[] {
  return notices.filter(n => sent.get(n.key) !== n.fingerprint);
}
