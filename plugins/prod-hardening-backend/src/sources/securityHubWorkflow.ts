import {
  BatchUpdateFindingsCommand,
  GetFindingsCommand,
  SecurityHubClient,
  WorkflowStatus,
} from '@aws-sdk/client-securityhub';
import type { AwsClientFactory } from '../aws';

/** What BatchUpdateFindings needs to address a finding, and its workflow status now. */
export interface FindingWorkflow {
  id: string;
  productArn: string;
  workflowStatus: WorkflowStatus | undefined;
}

/**
 * A finding's workflow status in Security Hub: read with the read role, written with
 * the remediation role acting for the person (or task) that asked, so CloudTrail names
 * them (BatchUpdateFindings is a change to the account).
 */
export class SecurityHubWorkflowSource {
  constructor(private readonly aws: AwsClientFactory) {}

  /** The finding with this id, or undefined. Filtered again here: some endpoints ignore Filters. */
  async find(findingId: string): Promise<FindingWorkflow | undefined> {
    const out = await this.aws.client(SecurityHubClient).send(
      new GetFindingsCommand({
        Filters: { Id: [{ Value: findingId, Comparison: 'EQUALS' }] },
        MaxResults: 100,
      }),
    );
    const finding = (out.Findings ?? []).find(f => f.Id === findingId);
    if (!finding?.Id || !finding.ProductArn) return undefined;
    return {
      id: finding.Id,
      productArn: finding.ProductArn,
      workflowStatus: finding.Workflow?.Status,
    };
  }

  /**
   * Sets the workflow status with a note, acting as `note.updatedBy`; throws when
   * Security Hub did not process it.
   */
  async setStatus(
    finding: Pick<FindingWorkflow, 'id' | 'productArn'>,
    status: WorkflowStatus,
    note: { text: string; updatedBy: string },
  ): Promise<void> {
    const out = await this.aws.actingAs(
      { userRef: note.updatedBy },
      remediation =>
        remediation.client(SecurityHubClient).send(
          new BatchUpdateFindingsCommand({
            FindingIdentifiers: [
              { Id: finding.id, ProductArn: finding.productArn },
            ],
            Workflow: { Status: status },
            // UpdatedBy is at most 512 characters in Security Hub.
            Note: { Text: note.text, UpdatedBy: note.updatedBy.slice(0, 512) },
          }),
        ),
    );
    const unprocessed = out.UnprocessedFindings?.[0];
    if (unprocessed) {
      const error = new Error(
        `Security Hub did not update the finding: ${
          unprocessed.ErrorCode ?? 'error'
        } ${unprocessed.ErrorMessage ?? ''}`.trim(),
      );
      error.name = unprocessed.ErrorCode ?? 'UnprocessedFinding';
      throw error;
    }
  }
}
