import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { join } from 'node:path';
import { MotoServer, startMoto } from '@prod-hardening/dev-stack';
import { ensureQueues } from '../local/queues';
import { awsClients } from '../testUtils/localStack';

jest.setTimeout(90_000);

/**
 * The bench's patched emulator must answer exactly as stock moto_server does:
 * the same SQS scenario runs against both and every answer is compared.
 */
async function scenario(sqs: SQSClient) {
  const { queueUrl } = await ensureQueues(sqs, {
    name: 'fix-check',
    visibilityTimeoutSeconds: 30,
  });
  for (let i = 0; i < 30; i += 10) {
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Array.from({ length: 10 }, (_, j) => ({
          Id: String(j),
          MessageBody: `m-${i + j}`,
        })),
      }),
    );
  }
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: 'later',
      DelaySeconds: 100,
    }),
  );
  const counts = async () =>
    (
      await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: [
            'ApproximateNumberOfMessages',
            'ApproximateNumberOfMessagesNotVisible',
            'ApproximateNumberOfMessagesDelayed',
          ],
        }),
      )
    ).Attributes;
  const before = await counts();
  const received = (
    await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
      }),
    )
  ).Messages!;
  const handles = received.map(m => m.ReceiptHandle!);
  const afterReceive = await counts();
  const summarize = (out: {
    Successful?: { Id?: string }[];
    Failed?: { Id?: string; Code?: string }[];
  }) => ({
    ok: (out.Successful ?? []).map(e => e.Id).sort(),
    failed: (out.Failed ?? []).map(e => `${e.Id}:${e.Code}`).sort(),
  });
  // valid handles and a bogus one
  const firstDelete = summarize(
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          { Id: 'a', ReceiptHandle: handles[0] },
          { Id: 'b', ReceiptHandle: 'not-a-receipt-handle' },
          { Id: 'c', ReceiptHandle: handles[1] },
        ],
      }),
    ),
  );
  // an already deleted handle and a fresh one
  const secondDelete = summarize(
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          { Id: 'e', ReceiptHandle: handles[0] },
          { Id: 'f', ReceiptHandle: handles[2] },
        ],
      }),
    ),
  );
  return {
    before,
    receivedCount: received.length,
    afterReceive,
    firstDelete,
    secondDelete,
    afterDeletes: await counts(),
  };
}

describe('bench/moto_server_sqs_fix.py', () => {
  let stock: MotoServer;
  let fixed: MotoServer;

  beforeAll(async () => {
    [stock, fixed] = await Promise.all([
      startMoto(),
      startMoto({ command: join(__dirname, 'moto_server_sqs_fix.py') }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([stock?.stop(), fixed?.stop()]);
  });

  it('answers the SQS calls the bench makes exactly as stock moto_server', async () => {
    const fromStock = await scenario(awsClients(stock.endpoint).sqs);
    const fromFixed = await scenario(awsClients(fixed.endpoint).sqs);
    expect(fromFixed).toEqual(fromStock);
    // and the scenario says something: counts moved, one entry refused
    expect(fromStock.afterReceive).toMatchObject({
      ApproximateNumberOfMessages: '20',
      ApproximateNumberOfMessagesNotVisible: '10',
      ApproximateNumberOfMessagesDelayed: '1',
    });
    expect(fromStock.firstDelete.failed).toEqual(['b:ReceiptHandleIsInvalid']);
    expect(fromStock.afterDeletes).toMatchObject({
      ApproximateNumberOfMessagesNotVisible: '7',
    });
  });
});
