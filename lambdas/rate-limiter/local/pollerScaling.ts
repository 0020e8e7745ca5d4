/**
 * How many pollers the local event source mapping should run, the way Lambda's
 * SQS poller scales: it adds concurrency while the queue holds a backlog (receives
 * come back full, or more messages wait than the running pollers take in one
 * round), up to the mapping's maximum, and gives it back when receives come back
 * empty. Pure, so the rule is tested on plain numbers.
 */
export interface ScalingInput {
  /** Pollers running now. */
  active: number;
  minimum: number;
  maximum: number;
  batchSize: number;
  /** ApproximateNumberOfMessages: visible messages waiting for a poller. */
  backlog: number;
}

/** The pollers wanted for a backlog: one per batch waiting, within the bounds. */
export function wantedPollers(input: ScalingInput): number {
  const { minimum, maximum, batchSize, backlog } = input;
  const forBacklog = Math.ceil(Math.max(0, backlog) / Math.max(1, batchSize));
  return Math.min(maximum, Math.max(minimum, forBacklog, input.active));
}

/** Whether a receive that returned `received` messages should add a poller. */
export function scaleUpAfterReceive(
  received: number,
  input: Pick<ScalingInput, 'active' | 'maximum' | 'batchSize'>,
): boolean {
  return received >= input.batchSize && input.active < input.maximum;
}

/**
 * Whether a poller whose last `emptyReceives` long polls all came back empty
 * should stop: only above the minimum, and only after `idleReceives` in a row so
 * a lull between two messages does not make the pool flap.
 */
export function retireWhenIdle(
  emptyReceives: number,
  input: Pick<ScalingInput, 'active' | 'minimum'> & { idleReceives: number },
): boolean {
  return emptyReceives >= input.idleReceives && input.active > input.minimum;
}
