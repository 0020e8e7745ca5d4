import type { ProdHardeningApi } from '../api';

const never = <T,>(): Promise<T> => new Promise<T>(() => {});

/** A ProdHardeningApi whose calls never settle unless overridden: tests set only what they use. */
export function fakeApi(
  overrides: Partial<ProdHardeningApi> = {},
): ProdHardeningApi {
  return {
    getHealth: () => never(),
    getPosture: () => never(),
    getPostureTrend: async () => [],
    getFindings: () => never(),
    previewRemediation: () => never(),
    executeRemediation: () => never(),
    getGuidedRemediation: () => never(),
    getFinding: () => never(),
    getRemediationHistory: async () => [],
    getFinOpsOverview: () => never(),
    getFinOpsOptimisation: () => never(),
    getSuccessMetrics: () => never(),
    getEntitySummary: () => never(),
    listRunbooks: async () => [],
    getRunbook: () => never(),
    getWeeklyReview: () => never(),
    getThrottlingOverview: () => never(),
    redriveDeadLetterQueue: () => never(),
    getDeadLetterQueueRedriveStatus: async () => ({
      state: 'idle',
      queueName: 'huntaze-rate-limiter-dlq',
    }),
    downloadWeeklyReview: () => never(),
    listApprovals: async () => [],
    requestApproval: () => never(),
    decideApproval: () => never(),
    listExemptions: async () => [],
    createExemption: () => never(),
    revokeExemption: () => never(),
    downloadExemptions: () => never(),
    provideAnomalyFeedback: () => never(),
    ...overrides,
  };
}
