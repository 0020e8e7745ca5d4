/**
 * Lua scripts of the limiter. Each runs atomically inside Redis; every key it
 * touches is passed in KEYS and the time is passed in ARGV, so the scripts are
 * deterministic and cluster-safe (both keys share the `{userId}` hash tag).
 *
 * State of one creator:
 *   KEYS[1]  hash  `<prefix>:{userId}`        tokens, refilled_at (ms), last (ms of the last allowed send)
 *   KEYS[2]  list  `<prefix>:{userId}:sends`  ms of the most recent allowed sends, oldest first,
 *                                              trimmed to the window limit
 * Both keys get the same idle TTL on every allowed send and are never written on
 * a denial.
 */

/**
 * Shared prelude: reads the state and computes the refill and both waits.
 *
 * ARGV[1] now (integer ms; raised to the last allowed send if earlier)
 * ARGV[2] capacity (tokens)
 * ARGV[3] refill interval (ms per token)
 * ARGV[4] window limit (allowed sends)
 * ARGV[5] window (ms)
 */
const DECIDE_PRELUDE = `
local now = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local interval = tonumber(ARGV[3])
local window_limit = tonumber(ARGV[4])
local window_ms = tonumber(ARGV[5])

local state = redis.call('HMGET', KEYS[1], 'tokens', 'refilled_at', 'last')
local tokens = tonumber(state[1])
local refilled_at = tonumber(state[2])
local last = tonumber(state[3])
if tokens == nil or refilled_at == nil or last == nil then
  tokens = capacity
  refilled_at = now
else
  if now < last then now = last end
  local added = math.floor((now - refilled_at) / interval)
  if tokens + added >= capacity then
    tokens = capacity
    refilled_at = now
  else
    tokens = tokens + added
    refilled_at = refilled_at + added * interval
  end
end

local token_wait = 0
if tokens < 1 then token_wait = refilled_at + interval - now end
local window_wait = 0
local sent = redis.call('LLEN', KEYS[2])
if sent >= window_limit then
  local oldest = tonumber(redis.call('LINDEX', KEYS[2], sent - window_limit))
  window_wait = oldest + window_ms - now
  if window_wait < 0 then window_wait = 0 end
end
local retry_after = math.max(token_wait, window_wait)
`;

/**
 * Takes one token if both rules allow it.
 *
 * KEYS[1] bucket hash, KEYS[2] sends list (see above)
 * ARGV[1..5] as in the prelude
 * ARGV[6] idle TTL (ms) set on both keys after an allowed send
 *
 * Returns { allowed (1|0), retry_after_ms (0 when allowed), tokens_remaining, now_used }.
 */
export const CONSUME_SCRIPT = `${DECIDE_PRELUDE}
if retry_after > 0 then
  return { 0, retry_after, tokens, now }
end
tokens = tokens - 1
local ttl = tonumber(ARGV[6])
redis.call('HSET', KEYS[1], 'tokens', tokens, 'refilled_at', refilled_at, 'last', now)
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('RPUSH', KEYS[2], now)
redis.call('LTRIM', KEYS[2], -window_limit, -1)
redis.call('PEXPIRE', KEYS[2], ttl)
return { 1, 0, tokens, now }
`;

/**
 * Reads what a consume at `now` would see, without changing anything.
 *
 * KEYS and ARGV[1..5] as for CONSUME_SCRIPT.
 * Returns { tokens_available, retry_after_ms (0 when a send would be allowed),
 *           sends_in_window, now_used }.
 */
export const PEEK_SCRIPT = `${DECIDE_PRELUDE}
local in_window = 0
local times = redis.call('LRANGE', KEYS[2], 0, -1)
for i = 1, #times do
  if tonumber(times[i]) > now - window_ms then in_window = in_window + 1 end
end
return { tokens, retry_after, in_window, now }
`;
