/**
 * True when an AWS SDK error has one of the given names. Seed steps use it to tell
 * "not there yet" / "already there" apart from real failures, which must still throw.
 */
export function isAwsError(err: unknown, ...names: string[]): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { name, Code } = err as { name?: unknown; Code?: unknown };
  return names.some(n => n === name || n === Code);
}
