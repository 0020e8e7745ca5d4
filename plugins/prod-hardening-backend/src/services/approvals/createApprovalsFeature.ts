import type { AuditorService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import type { ProdHardeningConfig } from '../../config';
import type { RemediationStore } from '../remediation/RemediationStore';
import { ApprovalService, ApprovalServiceOptions } from './ApprovalService';
import { ApprovalStore } from './ApprovalStore';

/**
 * Four-eyes approvals of remediation plans. The owners of a plan's resources may
 * approve too; which resources a plan changes is the remediation feature's to say,
 * and that feature is built after this one (it asks the approvals as its gate), so
 * `ownersOf` is a function read only when an approval is asked for.
 */
export function createApprovalsFeature(options: {
  config: ProdHardeningConfig;
  db: Knex;
  auditor: AuditorService;
  /** The remediation plans and the history the steps are recorded in. */
  history: RemediationStore;
  ownersOf: ApprovalServiceOptions['ownersOf'];
  onChanged?: ApprovalServiceOptions['onChanged'];
}): { approvals: ApprovalService } {
  const { config } = options;
  const approvals = new ApprovalService({
    store: new ApprovalStore(options.db),
    remediations: options.history,
    auditor: options.auditor,
    policy: config.approvals,
    approverGroups: config.approvals.approverGroups,
    expiryHours: config.approvals.expiryHours,
    ownersOf: options.ownersOf,
    onChanged: options.onChanged,
  });
  return { approvals };
}
