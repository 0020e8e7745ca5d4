import {
  checkLink,
  GENESIS_HASH,
  hashHistoryRow,
  sealAfter,
  SealedHistoryRow,
} from './chain';

const content = (id: string) => ({
  id,
  checkId: 'guardduty-enabled',
  resourceId: 'guardduty/us-east-1',
  planId: null,
  actor: 'user:default/alice',
  outcome: 'succeeded',
  message: 'Applied and verified: the check passes.',
  callsJson: '[]',
  startedAt: '2026-12-01T10:00:00.000Z',
  durationMs: 120,
  verifiedStatus: 'PASS',
  reason: 'INC-42',
  overriddenBlockersJson: null,
});

function chainOf(ids: string[]): SealedHistoryRow[] {
  const rows: SealedHistoryRow[] = [];
  for (const id of ids) {
    const last = rows[rows.length - 1];
    rows.push(
      sealAfter(last && { seq: last.seq, hash: last.rowHash }, content(id)),
    );
  }
  return rows;
}

/** The first problem of a chain, as the verifier walks it. */
function firstProblem(rows: SealedHistoryRow[]) {
  let previous: { seq: number; hash: string } | undefined;
  for (const row of rows) {
    const problem = checkLink(previous, row);
    if (problem) return { id: row.id, problem };
    previous = { seq: row.seq, hash: row.rowHash };
  }
  return undefined;
}

describe('history hash chain', () => {
  it('starts at 1 from the genesis hash and links each row to the previous one', () => {
    const [a, b] = chainOf(['a', 'b']);
    expect(a).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
    expect(b).toMatchObject({ seq: 2, prevHash: a.rowHash });
    expect(a.rowHash).toMatch(/^[0-9a-f]{64}$/);
    expect(firstProblem([a, b])).toBeUndefined();
  });

  it('hashes every field: a changed reason, outcome or null gives another hash', () => {
    const [row] = chainOf(['a']);
    const base = hashHistoryRow(row);
    expect(hashHistoryRow({ ...row, reason: 'INC-43' })).not.toBe(base);
    expect(hashHistoryRow({ ...row, outcome: 'failed' })).not.toBe(base);
    expect(hashHistoryRow({ ...row, planId: '' })).not.toBe(base);
    expect(hashHistoryRow({ ...row, durationMs: 121 })).not.toBe(base);
  });

  it('names an edited row', () => {
    const rows = chainOf(['a', 'b', 'c']);
    rows[1] = { ...rows[1], outcome: 'failed' };
    expect(firstProblem(rows)).toEqual({
      id: 'b',
      problem: expect.stringMatching(/edited after it was completed/),
    });
  });

  it('names the row after a deleted one', () => {
    const rows = chainOf(['a', 'b', 'c']);
    expect(firstProblem([rows[0], rows[2]])).toEqual({
      id: 'c',
      problem: expect.stringMatching(/sealed row 2 is missing/),
    });
  });

  it('names a row re-sealed with a recomputed hash but a cut link', () => {
    const rows = chainOf(['a', 'b', 'c']);
    const forged = sealAfter(
      { seq: 1, hash: 'f'.repeat(64) },
      { ...content('b'), outcome: 'failed' },
    );
    expect(firstProblem([rows[0], forged, rows[2]])).toEqual({
      id: 'b',
      problem: expect.stringMatching(/previous row's hash/),
    });
  });
});

describe('the row that settles a timed-out attempt', () => {
  it('hashes rows without a settled attempt as before the column existed', () => {
    const row = { ...content('a'), seq: 1, prevHash: GENESIS_HASH };
    expect(hashHistoryRow({ ...row, settles: null })).toBe(hashHistoryRow(row));
  });

  it('seals the attempt it settles: changing or dropping it breaks the link', () => {
    const sealed = sealAfter(undefined, { ...content('b'), settles: 'a' });
    expect(checkLink(undefined, sealed)).toBeUndefined();
    expect(checkLink(undefined, { ...sealed, settles: 'c' })).toBeDefined();
    expect(checkLink(undefined, { ...sealed, settles: null })).toBeDefined();
  });
});
