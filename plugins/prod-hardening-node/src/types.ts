import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  EntitySummary,
  FinOpsOptimisation,
  FinOpsOverview,
  PostureReport,
  PostureScore,
  PostureScoreWithExemptions,
  PostureTrendPoint,
  WeeklyReviewReport,
} from '@prod-hardening/plugin-prod-hardening-common';

/** Options every read takes. */
export interface ProdHardeningRequestOptions {
  /**
   * On whose behalf the call is made. Left out, the calling plugin's own service
   * credentials: the backend lets a plugin of the same deployment read (see the
   * backend README, "Using posture and FinOps from another plugin"). A user's
   * credentials (e.g. from `httpAuth.credentials(req)` in the caller's own route)
   * make the backend apply the permission policy to that user instead.
   */
  credentials?: BackstageCredentials;
}

/** The posture's headline: the two scores, without and with the active exemptions. */
export interface PostureSummary {
  accountId: string;
  region: string;
  /** When the checks behind the scores were evaluated (ISO 8601). */
  evaluatedAt: string;
  /** Every evaluated check counts. */
  score: PostureScore;
  /**
   * Checks under an active exemption left out, and how many were. Absent when the
   * backend could not read its exemptions at that moment.
   */
  scoreWithExemptions?: PostureScoreWithExemptions;
}

/** The trend windows the backend keeps snapshots for. */
export type PostureTrendDays = 7 | 30 | 90;

/**
 * The prod-hardening posture as another backend plugin reads it: the same data as
 * the portal's posture page, served by the prod-hardening backend (one evaluation
 * cache and one AWS poller for the whole deployment).
 */
export interface PostureService {
  /** Every check with its status and evidence, and both scores. */
  getReport(
    options?: ProdHardeningRequestOptions & {
      /** Re-evaluate now instead of the backend's cached report (calls AWS). */
      refresh?: boolean;
    },
  ): Promise<PostureReport>;

  /** The report without its checks: the scores with and without exemptions. */
  getSummary(options?: ProdHardeningRequestOptions): Promise<PostureSummary>;

  /** Daily snapshots, oldest first; the last 30 days unless `days` says otherwise. */
  getTrend(
    options?: ProdHardeningRequestOptions & { days?: PostureTrendDays },
  ): Promise<PostureTrendPoint[]>;

  /**
   * One catalog entity's posture, cost and throttling (what its entity page shows).
   * A string ref needs its kind (`component:default/web`; namespace defaults to
   * `default`). Unknown or invisible entity: NotFoundError.
   */
  getEntitySummary(
    entityRef: string | CompoundEntityRef,
    options?: ProdHardeningRequestOptions,
  ): Promise<EntitySummary>;
}

/** The prod-hardening FinOps reports as another backend plugin reads them. */
export interface FinOpsService {
  /** Budget, forecasts, daily cost by service, anomalies, AI costs and alerts. */
  getOverview(options?: ProdHardeningRequestOptions): Promise<FinOpsOverview>;

  /** Savings targets against their goals and Trusted Advisor's cost checks. */
  getOptimisation(
    options?: ProdHardeningRequestOptions,
  ): Promise<FinOpsOptimisation>;

  /** The last 7 complete days against the 7 before (the JSON form). */
  getWeeklyReview(
    options?: ProdHardeningRequestOptions,
  ): Promise<WeeklyReviewReport>;
}
