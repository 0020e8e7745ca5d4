import type {
  CheckStatus,
  ResourceEvidence,
} from '@prod-hardening/plugin-prod-hardening-common';

/** The outcome of one check on the facts it gathered. */
export interface Evaluation {
  status: CheckStatus;
  summary: string;
  resources: ResourceEvidence[];
}

/** FAIL beats WARN beats PASS: the worst resource decides the check. */
export function worstStatus(statuses: CheckStatus[]): CheckStatus {
  const order: CheckStatus[] = ['ERROR', 'FAIL', 'WARN', 'PASS'];
  return order.find(s => statuses.includes(s)) ?? 'PASS';
}

export function countBy(
  resources: ResourceEvidence[],
  status: CheckStatus,
): number {
  return resources.filter(r => r.status === status).length;
}
