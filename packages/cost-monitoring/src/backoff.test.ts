import {
  backoffDelays,
  retryWithBackoff,
  RetriesExhaustedError,
  withJitter,
} from './backoff';

describe('backoff schedule', () => {
  it('waits 200 ms then 400 ms between the three SNS attempts', () => {
    expect(backoffDelays({ attempts: 3, baseDelayMs: 200 })).toEqual([
      200, 400,
    ]);
  });

  it('doubles up to the cap', () => {
    expect(
      backoffDelays({ attempts: 7, baseDelayMs: 50, maxDelayMs: 1000 }),
    ).toEqual([50, 100, 200, 400, 800, 1000]);
  });

  it('has no delay for a single attempt', () => {
    expect(backoffDelays({ attempts: 1, baseDelayMs: 50 })).toEqual([]);
  });

  it('keeps jittered delays between half and all of the delay', () => {
    expect(withJitter(400, () => 0)).toBe(200);
    expect(withJitter(400, () => 0.5)).toBe(300);
    expect(withJitter(400, () => 0.999999)).toBe(400);
  });
});

describe('retryWithBackoff', () => {
  it('sleeps the schedule between failures and returns the attempt that succeeded', async () => {
    const slept: number[] = [];
    let calls = 0;
    const result = await retryWithBackoff(
      async () => {
        calls++;
        if (calls < 3) throw new Error(`boom ${calls}`);
        return 'ok';
      },
      { attempts: 3, baseDelayMs: 200, sleep: async ms => void slept.push(ms) },
    );
    expect(result).toEqual({ value: 'ok', attempts: 3 });
    expect(slept).toEqual([200, 400]);
  });

  it('gives up after the last attempt with the last error as cause', async () => {
    const slept: number[] = [];
    const failing = retryWithBackoff(
      async attempt => {
        throw new Error(`boom ${attempt}`);
      },
      { attempts: 3, baseDelayMs: 10, sleep: async ms => void slept.push(ms) },
    );
    await expect(failing).rejects.toBeInstanceOf(RetriesExhaustedError);
    await expect(failing).rejects.toMatchObject({
      attempts: 3,
      message: 'failed after 3 attempts: boom 3',
    });
    expect(slept).toEqual([10, 20]);
  });
});
