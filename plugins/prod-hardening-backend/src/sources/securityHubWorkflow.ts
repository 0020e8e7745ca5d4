import {
  GetFindingsCommand,
  SecurityHubClient,
  WorkflowStatus,
} from '@aws-sdk/client-securityhub';
import type { AwsClientFactory } from '../aws';
import {
  FindingWorkflow,
  FindingWorkflowWriter,
} from './remediation/findingWorkflow';

/**
 * A finding's workflow status in Security Hub: read with the read role; written by
 * FindingWorkflowWriter (sources/remediation) with the remediation role.
 */
export class SecurityHubWorkflowSource {
  private readonly writer: FindingWorkflowWriter;

  constructor(private readonly aws: AwsClientFactory) {
    this.writer = new FindingWorkflowWriter(aws);
  }

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

  /** See FindingWorkflowWriter.setStatus. */
  setStatus(
    finding: Pick<FindingWorkflow, 'id' | 'productArn'>,
    status: WorkflowStatus,
    note: { text: string; updatedBy: string },
  ): Promise<void> {
    return this.writer.setStatus(finding, status, note);
  }
}
