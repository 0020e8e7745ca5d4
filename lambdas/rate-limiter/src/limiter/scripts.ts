import { idleTtlMs, RateLimits } from '../contract';
import type { RateLimiterResponse } from '../schemas';

/**
 * Lua scripts of the limiter. Each runs atomically inside Redis, touches only
 * the keys it is given and takes the time from its arguments, so the scripts
 * are deterministic and cluster-safe. The limits are written into the script text
 * (one script per configuration): Redis then parses one argument instead of
 * six, which is a measurable share of a decision this small.
 *
 * State of one creator, one string `<prefix>:{userId}` (the braces are a
 * cluster hash tag) of little-endian doubles (Lua `struct` format `<d`):
 *   [tokens][refilled_at][send 1]…[send k]
 *   tokens       tokens left after the last allowed send
 *   refilled_at  ms up to which refills have been counted
 *   send 1..k    the last k ≤ window limit allowed send times, oldest first;
 *                the newest is the last allowed send (stored time never goes back)
 * One GET reads it, one SET … PX writes it and its idle TTL, and only on an
 * allowed send: a denial runs one GET and changes nothing.
 *
 * A key still in the earlier layout (a hash with `tokens`, `refilled_at`,
 * `last`, `n`, `size` and a ring `s0..`) is read as the same state and
 * replaced by the string on its next allowed send, so a deploy needs no
 * migration.
 */

/** The doubles the state starts with before the send times. */
const HEADER_BYTES = 16;

/** The limits, as Lua constants (they are part of the script text). */
function limitConstants(limits: RateLimits): string {
  return `
local capacity = ${limits.capacity}
local interval = ${limits.refillIntervalMs}
local window_limit = ${limits.windowLimit}
local window_ms = ${limits.windowMs}
`;
}

/**
 * Inline Lua (no function: a closure per call is a measurable share of a
 * decision) that reads one creator's state from `key` and computes the refill
 * and both waits at `now`. Leaves in scope: now (raised to the last allowed
 * send), tokens, refilled_at, state (string or false), count (sends stored),
 * first_in_window (byte offset of the oldest send that counts for the window)
 * and retry_after (0 when a send is allowed).
 */
function readState(indent: string): string {
  return READ_STATE.replace(/^(?=.)/gm, indent);
}

const READ_STATE = `local state = redis.pcall('GET', key)
if type(state) == 'table' then
  -- WRONGTYPE: a hash in the earlier layout; rebuild the same state as a string
  local h = redis.call('HMGET', key, 'tokens', 'refilled_at', 'last', 'n', 'size')
  state = false
  if h[1] and h[2] and h[3] then
    local times = {}
    for j = 0, math.min(tonumber(h[4]) or 0, tonumber(h[5]) or 0) - 1 do
      local t = redis.call('HGET', key, 's' .. j)
      if t then times[#times + 1] = tonumber(t) end
    end
    if #times == 0 then times[1] = tonumber(h[3]) end
    table.sort(times)
    state = struct.pack('<dd', tonumber(h[1]), tonumber(h[2]))
    for j = 1, #times do state = state .. struct.pack('<d', times[j]) end
  end
end

local tokens = capacity
local refilled_at = now
local count = 0
local first_in_window = ${HEADER_BYTES}
local window_wait = 0
if state then
  tokens, refilled_at = struct.unpack('<dd', state)
  count = (#state - ${HEADER_BYTES}) / 8
  local last = struct.unpack('<d', state, #state - 7)
  if now < last then now = last end
  local added = math.floor((now - refilled_at) / interval)
  if tokens + added >= capacity then
    tokens = capacity
    refilled_at = now
  else
    tokens = tokens + added
    refilled_at = refilled_at + added * interval
  end
  if count >= window_limit then
    -- the window limit-th most recent send decides whether the window has room
    first_in_window = ${HEADER_BYTES} + (count - window_limit) * 8
    window_wait = struct.unpack('<d', state, first_in_window + 1) + window_ms - now
    if window_wait < 0 then window_wait = 0 end
  end
end

local retry_after = 0
if tokens < 1 then retry_after = refilled_at + interval - now end
if window_wait > retry_after then retry_after = window_wait end
`;

/**
 * Decides one send per key, in order: KEYS[i] at ARGV[i] = now (integer ms;
 * raised to the creator's last allowed send if earlier). A key may appear more
 * than once; each decision sees the ones before it. Several decisions share
 * one call because the client coalesces the decisions of one turn of its event
 * loop (see `decisionBatcher.ts`); every key is one creator's own, so a call
 * stays atomic per creator and cluster-safe once the keys share a slot.
 *
 * Returns one integer per key, so neither side builds more than a flat array:
 * allowed: tokens remaining (≥ 0); denied: -(retry_after × (capacity + 1) +
 * tokens) - 1. `decodeConsumeReply` reads it back.
 */
export function consumeScript(limits: RateLimits): string {
  const largest =
    (Math.max(limits.refillIntervalMs, limits.windowMs) + 1) *
    (limits.capacity + 1);
  if (!Number.isSafeInteger(largest)) {
    throw new RangeError(
      'rate limits too large to encode a denial in one integer',
    );
  }
  return `${limitConstants(limits)}
local replies = {}
for i = 1, #KEYS do
  local key = KEYS[i]
  local now = tonumber(ARGV[i])
${readState('  ')}
  if retry_after > 0 then
    replies[i] = -(retry_after * (capacity + 1) + tokens) - 1
  else
    tokens = tokens - 1
    -- keep the newest window_limit - 1 sends, then append this one
    local kept = ''
    if state then
      if count >= window_limit then
        kept = string.sub(state, first_in_window + 9)
      else
        kept = string.sub(state, ${HEADER_BYTES + 1})
      end
    end
    redis.call('SET', key,
      struct.pack('<dd', tokens, refilled_at) .. kept .. struct.pack('<d', now),
      'PX', ${idleTtlMs(limits)})
    replies[i] = tokens
  end
end
return replies
`;
}

/** Reads the integer returned by `consumeScript(limits)`. */
export function decodeConsumeReply(
  reply: number,
  capacity: number,
): RateLimiterResponse {
  if (reply >= 0) return { allowed: true, tokensRemaining: reply };
  const encoded = -reply - 1;
  return {
    allowed: false,
    retryAfter: Math.floor(encoded / (capacity + 1)),
    tokensRemaining: encoded % (capacity + 1),
  };
}

/**
 * Reads what a consume at `now` would see, without changing anything.
 * KEYS[1] = the creator, ARGV[1] = now. Returns { tokens_available,
 * retry_after_ms (0 when a send would be allowed), sends_in_window }.
 */
export function peekScript(limits: RateLimits): string {
  return `${limitConstants(limits)}
local key = KEYS[1]
local now = tonumber(ARGV[1])
${readState('')}
local in_window = 0
if state then
  for offset = first_in_window, #state - 8, 8 do
    if struct.unpack('<d', state, offset + 1) > now - window_ms then
      in_window = in_window + 1
    end
  end
end
return { tokens, retry_after, in_window }
`;
}
