import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  ApprovalRequest,
  Exemption,
  FinOpsOverview,
  Finding,
  isMappingEmpty,
  resolveEntityAnnotations,
  ThrottlingOverview,
} from '@prod-hardening/plugin-prod-hardening-common';
import { createResourceMatcher } from '../../domain/entities';
import {
  approvalNotice,
  budgetNotices,
  exemptionEndedNotices,
  findingNotices,
  OwnedMapping,
  OwnerNotice,
  remediationNotice,
  throttlingNotices,
  unsentNotices,
} from '../../domain/notifications';
import { ownersOfEntity } from '../../domain/ownership';
import type { ExecutedAttempt } from '../remediation/RemediationService';
import type { NoticeLedger } from './NoticeLedger';

/** The kinds whose annotations map AWS resources (Systems and Groups only roll up). */
const MAPPED_KINDS = ['Component', 'Resource'];

/** The limiter window a scan reads: enough to see the fallback flag and the DLQ. */
const THROTTLING_WINDOW_MINUTES = 5;

export interface OwnerNotifierOptions {
  catalog: Pick<CatalogService, 'getEntities'>;
  auth: Pick<AuthService, 'getOwnServiceCredentials'>;
  notifications: NotificationService;
  ledger: NoticeLedger;
  logger: LoggerService;
  posture: {
    getOpenFindings(): Promise<{ list: Finding[]; unavailableReason?: string }>;
  };
  finops: { getOverview(): Promise<FinOpsOverview> };
  throttling: { getOverview(minutes: number): Promise<ThrottlingOverview> };
  /** Exemptions with their status; one that ended tells its owners. */
  exemptions?: { list(): Promise<Exemption[]> };
  checkTitle(checkId: string): string;
  finopsGroup: string;
  dlqMinutes: number;
  now?: () => Date;
}

/** What one scan told. */
export interface ScanResult {
  sent: number;
  /** Sources that could not be read this time; their notices wait for the next scan. */
  skipped: string[];
}

/**
 * Tells the owners what needs them, through Backstage notifications (so the user's
 * notification settings, email and Slack processors apply): high and critical
 * findings on their resources, the budget to the FinOps group, limiter incidents to
 * the rate limiter's owners, and remediations of their resources. Which entity owns a
 * resource comes from the catalog's annotations, read with the plugin's credentials.
 */
export class OwnerNotifier {
  private readonly now: () => Date;

  constructor(private readonly options: OwnerNotifierOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** One scan of findings, budget and limiter; run by a global scheduled task. */
  async scan(): Promise<ScanResult> {
    const { options } = this;
    const mappings = await this.ownedMappings();
    const skipped: string[] = [];
    const notices: OwnerNotice[] = [];
    const ended: string[] = [];

    const findings = await options.posture.getOpenFindings();
    if (findings.unavailableReason) skipped.push('findings');
    else notices.push(...findingNotices(findings.list, mappings));

    try {
      const overview = await options.finops.getOverview();
      notices.push(
        ...budgetNotices({
          month: overview.month,
          budget: overview.budget,
          forecast: overview.forecast,
          finopsGroup: options.finopsGroup,
        }),
      );
    } catch (err) {
      skipped.push('budget');
      options.logger.warn(`Budget notices skipped: ${String(err)}`);
    }

    const throttling = await options.throttling.getOverview(
      THROTTLING_WINDOW_MINUTES,
    );
    const limiter = throttlingNotices({
      dlq: throttling.dlq.state === 'ok' ? throttling.dlq : null,
      fallback:
        throttling.redis.state === 'ok' ? throttling.redis.fallback : null,
      dlqMinutes: options.dlqMinutes,
      mappings,
    });
    if (throttling.dlq.state !== 'ok') skipped.push('dlq');
    if (throttling.redis.state !== 'ok') skipped.push('limiter');
    notices.push(...limiter.notices);
    ended.push(...limiter.ended);

    if (options.exemptions) {
      try {
        notices.push(
          ...exemptionEndedNotices(
            await options.exemptions.list(),
            mappings,
            id => options.checkTitle(id),
            this.now().getTime(),
          ),
        );
      } catch (err) {
        skipped.push('exemptions');
        options.logger.warn(`Exemption notices skipped: ${String(err)}`);
      }
    }

    const sentBefore = await options.ledger.sent();
    await options.ledger.forget(ended.filter(key => sentBefore.has(key)));
    let sent = 0;
    for (const notice of unsentNotices(notices, sentBefore)) {
      if (await this.send(notice)) sent += 1;
    }
    return { sent, skipped };
  }

  /** Tells the owners of a remediated resource; called after the attempt ended. */
  async remediationExecuted(attempt: ExecutedAttempt): Promise<void> {
    const notice = remediationNotice({
      ...attempt,
      checkTitle: this.options.checkTitle(attempt.checkId),
      mappings: await this.ownedMappings(),
    });
    if (notice) await this.send(notice);
  }

  /** Tells the approvers of a request, or the requester of its decision. */
  async approvalChanged(approval: ApprovalRequest): Promise<void> {
    const notice = approvalNotice(
      approval,
      this.options.checkTitle(approval.checkId),
    );
    if (notice) await this.send(notice);
  }

  /** Claims the notice, then sends it; a failed send is forgotten so it is retried. */
  private async send(notice: OwnerNotice): Promise<boolean> {
    const { ledger, notifications, logger } = this.options;
    if (!(await ledger.claim(notice.key, notice.fingerprint, this.now()))) {
      return false;
    }
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef: notice.recipients },
        payload: {
          title: notice.title,
          description: notice.description,
          link: notice.link,
          severity: notice.severity,
          topic: notice.topic,
          // The same scope updates the user's notification instead of adding one.
          scope: `prod-hardening:${notice.key}`,
        },
      });
      return true;
    } catch (err) {
      logger.warn(`Notice ${notice.key} not sent, retried later: ${err}`);
      await ledger.forget([notice.key]);
      return false;
    }
  }

  /** Catalog entities with an AWS mapping and their owners. */
  private async ownedMappings(): Promise<OwnedMapping[]> {
    const { catalog, auth } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const { items } = await catalog.getEntities(
      { filter: { kind: MAPPED_KINDS } },
      { credentials },
    );
    return items.flatMap((entity: Entity) => {
      const { mapping } = resolveEntityAnnotations(entity);
      if (isMappingEmpty(mapping)) return [];
      return [
        {
          entityRef: stringifyEntityRef(entity),
          title: entity.metadata.title ?? entity.metadata.name,
          owners: ownersOfEntity(entity),
          matcher: createResourceMatcher(mapping),
          rateLimiter: mapping.rateLimiter,
        },
      ];
    });
  }
}
