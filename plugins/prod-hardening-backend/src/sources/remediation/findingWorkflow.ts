import {
  BatchUpdateFindingsCommand,
  SecurityHubClient,
  WorkflowStatus,
} from '@aws-sdk/client-securityhub';
import type { AwsClientFactory } from '../../aws';

/** What BatchUpdateFindings needs to address a finding, and its workflow status now. */
export interface FindingWorkflow {
  id: string;
  productArn: string;
  workflowStatus: WorkflowStatus | undefined;
}

/**
 * Writes a finding's workflow status (exemptions suppress and restore it) with the
 * remediation role acting for the person or task that asked, so CloudTrail names
 * them. BatchUpdateFindings is a change to the account, hence this folder.
 */
export class FindingWorkflowWriter {
  constructor(private readonly aws: Pick<AwsClientFactory, 'actingAs'>) {}

  /** Sets the status with a note, acting as `note.updatedBy`; throws when Security Hub did not process it. */
  async setStatus(
    finding: Pick<FindingWorkflow, 'id' | 'productArn'>,
    status: WorkflowStatus,
    note: { text: string; updatedBy: string },
  ): Promise<void> {
    const out = await this.aws.actingAs({ userRef: note.updatedBy }, aws =>
      aws.client(SecurityHubClient).send(
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
