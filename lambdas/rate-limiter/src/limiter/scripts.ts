import { idleTtlMs, RateLimits } from '../contract';
import type { RateLimiterResponse } from '../schemas';

/**
 * The limiter's Lua script. It runs atomically inside Redis, touches only the keys it
 * is given and takes the time and the limits from its arguments, so it is
 * deterministic, cluster-safe and the same text for every configuration.
 *
 * State of one creator, one string `<prefix>:{userId}` (the braces are a cluster
 * hash tag) of little-endian doubles (Lua `struct` format `<d`):
 *   [tokens][refilled_at][send 1]…[send k]
 *   tokens       tokens left after the last allowed send
 *   refilled_at  ms up to which refills have been counted
 *   send 1..k    the last k ≤ window limit allowed send times, oldest first;
 *                the newest is the last allowed send (stored time never goes back)
 * One GET reads it, one SET … PX writes it and its idle TTL, and only on an allowed
 * send: a denial or a peek runs one GET and changes nothing.
 *
 *   KEYS[i]      one creator's state; a key may appear more than once, and each
 *                decision sees the ones before it
 *   ARGV[1]      'consume' (decide, and record the allowed sends) or 'peek' (only read)
 *   ARGV[2]      capacity: bucket size
 *   ARGV[3]      refill interval ms: one token back every this many ms
 *   ARGV[4]      window limit: at most this many allowed sends in any window
 *   ARGV[5]      window ms
 *   ARGV[6]      idle TTL ms: how long a state outlives its last allowed send
 *   ARGV[6 + i]  now of KEYS[i] (integer ms; raised to the creator's last allowed send
 *                if earlier)
 * `scriptArguments` builds ARGV[1..6].
 *
 * Several decisions share one call because the client coalesces the decisions of one
 * turn of its event loop (see `decisionBatcher.ts`); every key is one creator's own,
 * so a call stays atomic per creator and cluster-safe once the keys share a slot.
 * The per-key work is inline (no Lua function: a closure per call is a measurable
 * share of a decision this small).
 *
 * Returns one reply per key. consume: one integer, so neither side builds more than
 * a flat array: allowed: tokens remaining (≥ 0); denied:
 * -(retry_after × (capacity + 1) + tokens) - 1, read back by `decodeConsumeReply`.
 * peek: { tokens_available, retry_after_ms (0 when a send would be allowed),
 * sends_in_window }.
 */
export const LIMITER_SCRIPT = `
local peek = ARGV[1] == 'peek'
local capacity = tonumber(ARGV[2])
local interval = tonumber(ARGV[3])
local window_limit = tonumber(ARGV[4])
local window_ms = tonumber(ARGV[5])
local idle_ttl_ms = tonumber(ARGV[6])
local HEADER_BYTES = 16

local replies = {}
for i = 1, #KEYS do
  local key = KEYS[i]
  local now = tonumber(ARGV[6 + i])
  local state = redis.call('GET', key)

  -- the refill and both waits at now
  local tokens = capacity
  local refilled_at = now
  local count = 0
  local first_in_window = HEADER_BYTES
  local window_wait = 0
  if state then
    tokens, refilled_at = struct.unpack('<dd', state)
    count = (#state - HEADER_BYTES) / 8
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
      first_in_window = HEADER_BYTES + (count - window_limit) * 8
      window_wait = struct.unpack('<d', state, first_in_window + 1) + window_ms - now
      if window_wait < 0 then window_wait = 0 end
    end
  end
  local retry_after = 0
  if tokens < 1 then retry_after = refilled_at + interval - now end
  if window_wait > retry_after then retry_after = window_wait end

  if peek then
    local in_window = 0
    if state then
      for offset = first_in_window, #state - 8, 8 do
        if struct.unpack('<d', state, offset + 1) > now - window_ms then
          in_window = in_window + 1
        end
      end
    end
    replies[i] = { tokens, retry_after, in_window }
  elseif retry_after > 0 then
    replies[i] = -(retry_after * (capacity + 1) + tokens) - 1
  else
    tokens = tokens - 1
    -- keep the newest window_limit - 1 sends, then append this one
    local kept = ''
    if state then
      if count >= window_limit then
        kept = string.sub(state, first_in_window + 9)
      else
        kept = string.sub(state, HEADER_BYTES + 1)
      end
    end
    redis.call('SET', key,
      struct.pack('<dd', tokens, refilled_at) .. kept .. struct.pack('<d', now),
      'PX', idle_ttl_ms)
    replies[i] = tokens
  end
end
return replies
`;

/**
 * ARGV[1..6] of `LIMITER_SCRIPT` for `operation` under these limits; the times of the
 * keys follow them. Throws a RangeError when a denial could not be encoded in one
 * integer reply.
 */
export function scriptArguments(
  operation: 'consume' | 'peek',
  limits: RateLimits,
): (string | number)[] {
  const largest =
    (Math.max(limits.refillIntervalMs, limits.windowMs) + 1) *
    (limits.capacity + 1);
  if (!Number.isSafeInteger(largest)) {
    throw new RangeError(
      'rate limits too large to encode a denial in one integer',
    );
  }
  return [
    operation,
    limits.capacity,
    limits.refillIntervalMs,
    limits.windowLimit,
    limits.windowMs,
    idleTtlMs(limits),
  ];
}

/** Reads the integer a consume of `LIMITER_SCRIPT` returns for one key. */
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
