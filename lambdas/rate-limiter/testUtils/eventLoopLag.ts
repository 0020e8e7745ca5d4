import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Runs `work` while measuring how late this process' event loop ran (the longest
 * delay, in ms). A test of a time bound (a command timeout, an API timeout) adds
 * it to the bound: a timer cannot fire while the loop is starved by the rest of
 * a busy machine, and that is not the product missing its promise. On an idle
 * machine the lag is a few ms and the bound stays as tight as written.
 */
export async function withEventLoopLag<T>(
  work: () => Promise<T>,
): Promise<{ result: T; lagMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  try {
    const result = await work();
    return { result, lagMs: histogram.max / 1e6 };
  } finally {
    histogram.disable();
  }
}
