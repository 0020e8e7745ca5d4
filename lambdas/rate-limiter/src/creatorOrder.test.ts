import type { SQSRecord } from 'aws-lambda';
import { creatorOf, inCreatorOrder } from './creatorOrder';
import { sqsRecord } from '../testUtils/localStack';

const record = (id: string, userId: string) =>
  sqsRecord({ userId, messageId: id }, { id });

/** A handler whose calls finish only when the test says so. */
function controlledHandler() {
  const log: string[] = [];
  const finish = new Map<string, (fail?: boolean) => void>();
  const handle = (r: SQSRecord) => {
    log.push(`start ${r.messageId}`);
    return new Promise<string>((resolve, reject) =>
      finish.set(r.messageId, fail => {
        log.push(`end ${r.messageId}`);
        if (fail) reject(new Error(`${r.messageId} failed`));
        else resolve(r.messageId);
      }),
    );
  };
  return { log, finish, handle };
}

const flush = () => new Promise(r => setImmediate(r));

describe('creatorOf', () => {
  it('reads the userId of the body', () => {
    expect(creatorOf(record('m1', 'creator-a'))).toBe('creator-a');
  });

  it('is undefined for a body that is not a message', () => {
    expect(creatorOf(sqsRecord('not json'))).toBeUndefined();
    expect(creatorOf(sqsRecord({ userId: 7 }))).toBeUndefined();
  });
});

describe('inCreatorOrder', () => {
  it("runs creators concurrently and each creator's records in batch order", async () => {
    const records = [
      record('a1', 'a'),
      record('b1', 'b'),
      record('a2', 'a'),
      record('a3', 'a'),
    ];
    const { log, finish, handle } = controlledHandler();
    const ordered = inCreatorOrder(records, handle);
    // the batch processor calls every record at once, here in reverse on purpose
    const results = [...records].reverse().map(r => ordered(r));
    await flush();
    expect(log).toEqual(['start b1', 'start a1']);

    finish.get('a1')!();
    await flush();
    expect(log).toEqual(['start b1', 'start a1', 'end a1', 'start a2']);

    finish.get('a2')!();
    await flush();
    finish.get('a3')!();
    finish.get('b1')!();
    expect(await Promise.all(results)).toEqual(['a3', 'a2', 'b1', 'a1']);
    expect(log.filter(l => / a\d$/.test(l))).toEqual([
      'start a1',
      'end a1',
      'start a2',
      'end a2',
      'start a3',
      'end a3',
    ]);
  });

  it("goes on with a creator's next record after one throws", async () => {
    const records = [record('a1', 'a'), record('a2', 'a')];
    const { finish, handle } = controlledHandler();
    const ordered = inCreatorOrder(records, handle);
    const [first, second] = records.map(r => ordered(r));
    await flush();
    finish.get('a1')!(true);
    await expect(first).rejects.toThrow('a1 failed');
    await flush();
    finish.get('a2')!();
    await expect(second).resolves.toBe('a2');
  });

  it('does not hold back records whose creator is unknown', async () => {
    const records = [
      sqsRecord('junk', { id: 'x1' }),
      sqsRecord('junk', { id: 'x2' }),
    ];
    const { log, handle } = controlledHandler();
    const ordered = inCreatorOrder(records, handle);
    records.forEach(r => void ordered(r));
    await flush();
    expect(log).toEqual(['start x1', 'start x2']);
  });
});
