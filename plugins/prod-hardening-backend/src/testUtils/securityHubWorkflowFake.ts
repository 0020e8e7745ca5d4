import {
  BatchImportFindingsCommand,
  BatchUpdateFindingsCommand,
  BatchUpdateFindingsCommandInput,
  GetFindingsCommand,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { AwsStub, mockClient } from 'aws-sdk-client-mock';

/**
 * moto_server has no BatchUpdateFindings. This answers that one call the way Security
 * Hub does, by writing the workflow status and note onto the emulator's finding
 * (BatchImportFindings merges them), so the next GetFindings sees the change. Every
 * other Security Hub call goes through to the emulator. `restore()` when done.
 */
export function fakeBatchUpdateFindings(endpoint: string): {
  stub: AwsStub<any, any, any>;
  updates: BatchUpdateFindingsCommandInput[];
} {
  const updates: BatchUpdateFindingsCommandInput[] = [];
  const stub = mockClient(SecurityHubClient);
  stub.send.callThrough();
  stub.on(BatchUpdateFindingsCommand).callsFake(async input => {
    updates.push(input);
    const client = new SecurityHubClient({
      region: 'us-east-1',
      endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    for (const id of input.FindingIdentifiers) {
      const { Findings = [] } = await client.send(new GetFindingsCommand({}));
      const finding = Findings.find(f => f.Id === id.Id);
      if (!finding) continue;
      await client.send(
        new BatchImportFindingsCommand({
          Findings: [
            {
              ...finding,
              Workflow: { Status: input.Workflow?.Status },
              Note: input.Note
                ? { ...input.Note, UpdatedAt: new Date().toISOString() }
                : undefined,
            },
          ],
        }),
      );
    }
    return {
      ProcessedFindings: input.FindingIdentifiers,
      UnprocessedFindings: [],
    };
  });
  return { stub, updates };
}
