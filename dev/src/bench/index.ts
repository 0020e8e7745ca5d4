/**
 * @prod-hardening/dev-stack/bench: what the benches share (sample statistics, a
 * text table and the seed's deterministic generator), without the stack's servers
 * or AWS clients, so a bench's memory figures stay its own.
 */
export { percentile, round, table } from './stats';
export { seededRandom } from '../seed/steps/findings/random';
export type { Random } from '../seed/steps/findings/random';
