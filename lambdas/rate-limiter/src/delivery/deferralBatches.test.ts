import {
  DeferralEntry,
  entryBytes,
  entryId,
  MAX_BATCH_BYTES,
  planBatches,
  unsentPositions,
} from './deferralBatches';

const entry = (body = 'x', extra = {}): DeferralEntry => ({
  body,
  delaySeconds: 1,
  attributes: {
    deferrals: { DataType: 'Number', StringValue: '1' },
    ...extra,
  },
});

describe('entryBytes', () => {
  it('counts the body and each attribute name, type and value in UTF-8 bytes', () => {
    // 'é' is 2 bytes; 'deferrals' 9 + 'Number' 6 + '1' 1
    expect(entryBytes(entry('é'))).toBe(2 + 9 + 6 + 1);
    expect(
      entryBytes(
        entry('', {
          img: { DataType: 'Binary', BinaryValue: new Uint8Array(5) },
        }),
      ),
    ).toBe(16 + 3 + 6 + 5);
  });
});

describe('planBatches', () => {
  it('makes ceil(n/10) batches of at most 10, in order', () => {
    for (const n of [0, 1, 9, 10, 11, 25, 40]) {
      const batches = planBatches(Array.from({ length: n }, () => entry()));
      expect(batches).toHaveLength(Math.ceil(n / 10));
      expect(batches.every(b => b.length <= 10)).toBe(true);
      expect(batches.flat()).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });

  it('also cuts a batch before it would exceed the byte limit', () => {
    // 40,000-byte bodies: 6 fit in 256 KiB, the 7th would not
    const big = Array.from({ length: 10 }, () => entry('y'.repeat(40_000)));
    const batches = planBatches(big);
    expect(batches.map(b => b.length)).toEqual([6, 4]);
    for (const batch of batches) {
      const bytes = batch.reduce((sum, i) => sum + entryBytes(big[i]), 0);
      expect(bytes).toBeLessThanOrEqual(MAX_BATCH_BYTES);
    }
  });

  it('gives an entry larger than the limit a batch of its own', () => {
    const batches = planBatches([entry(), entry('z'.repeat(300_000)), entry()]);
    expect(batches).toEqual([[0], [1], [2]]);
  });
});

describe('unsentPositions', () => {
  it('returns the positions SQS did not confirm, refused or missing', () => {
    const result = {
      Successful: [0, 2].map(p => ({
        Id: entryId(p),
        MessageId: `m${p}`,
        MD5OfMessageBody: '',
      })),
    };
    // position 1 refused (in Failed), position 3 in neither list
    expect(unsentPositions(4, result)).toEqual([1, 3]);
    expect(unsentPositions(2, {})).toEqual([0, 1]);
  });
});
