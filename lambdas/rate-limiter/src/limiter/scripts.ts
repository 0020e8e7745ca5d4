/**
 * Lua scripts of the limiter. Each runs atomically inside Redis; every key it
 * touches is passed in KEYS and the time is passed in ARGV, so the scripts are
 * deterministic and cluster-safe.
 *
 * State of one creator, one hash `<prefix>:{userId}` (the braces are a cluster
 * hash tag):
 *   tokens       tokens left after the last allowed send
 *   refilled_at  ms up to which refills have been counted
 *   last         ms of the last allowed send (stored time never goes back)
 *   n            allowed sends recorded so far (while the key lives)
 *   size         ring size = the window limit the ring was written with
 *   s0..s<size-1> ring of the last `size` allowed send times; slot n % size
 *                holds the oldest of them, the one the next send overwrites
 * The key gets its idle TTL on every allowed send and is never written on a
 * denial (except once after the window limit is reconfigured, when the ring
 * is rebuilt for the new size).
 */

/**
 * Shared prelude: reads the state and computes the refill and both waits.
 *
 * KEYS[1] the creator's hash
 * ARGV[1] now (integer ms; raised to the last allowed send if earlier)
 * ARGV[2] capacity (tokens)
 * ARGV[3] refill interval (ms per token)
 * ARGV[4] window limit (allowed sends per window)
 * ARGV[5] window (ms)
 */
const DECIDE_PRELUDE = `
local key = KEYS[1]
local now = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local interval = tonumber(ARGV[3])
local window_limit = tonumber(ARGV[4])
local window_ms = tonumber(ARGV[5])

local state = redis.call('HMGET', key, 'tokens', 'refilled_at', 'last', 'n', 'size')
local tokens = tonumber(state[1])
local refilled_at = tonumber(state[2])
local last = tonumber(state[3])
local n = tonumber(state[4]) or 0
local size = tonumber(state[5])

if tokens == nil or refilled_at == nil or last == nil then
  tokens = capacity
  refilled_at = now
  n = 0
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

if size ~= nil and size ~= window_limit then
  -- the window limit was reconfigured: keep the newest sends in a ring of the new size
  local times = {}
  for i = 0, size - 1 do
    local t = redis.call('HGET', key, 's' .. i)
    if t then times[#times + 1] = tonumber(t) end
    redis.call('HDEL', key, 's' .. i)
  end
  table.sort(times)
  n = 0
  for i = math.max(1, #times - window_limit + 1), #times do
    redis.call('HSET', key, 's' .. n, times[i])
    n = n + 1
  end
  redis.call('HSET', key, 'n', n, 'size', window_limit)
end

local token_wait = 0
if tokens < 1 then token_wait = refilled_at + interval - now end
local window_wait = 0
if n >= window_limit then
  local oldest = tonumber(redis.call('HGET', key, 's' .. (n % window_limit)))
  window_wait = oldest + window_ms - now
  if window_wait < 0 then window_wait = 0 end
end
local retry_after = math.max(token_wait, window_wait)
`;

/**
 * Takes one token if both rules allow it.
 *
 * KEYS[1], ARGV[1..5] as in the prelude
 * ARGV[6] idle TTL (ms) set on the key after an allowed send
 *
 * Returns { allowed (1|0), retry_after_ms (0 when allowed), tokens_remaining, now_used }.
 */
export const CONSUME_SCRIPT = `${DECIDE_PRELUDE}
if retry_after > 0 then
  return { 0, retry_after, tokens, now }
end
tokens = tokens - 1
redis.call('HSET', key, 'tokens', tokens, 'refilled_at', refilled_at, 'last', now,
  'n', n + 1, 'size', window_limit, 's' .. (n % window_limit), now)
redis.call('PEXPIRE', key, tonumber(ARGV[6]))
return { 1, 0, tokens, now }
`;

/**
 * Reads what a consume at `now` would see, without changing anything.
 *
 * KEYS[1], ARGV[1..5] as in the prelude.
 * Returns { tokens_available, retry_after_ms (0 when a send would be allowed),
 *           sends_in_window, now_used }.
 */
export const PEEK_SCRIPT = `${DECIDE_PRELUDE}
local in_window = 0
for i = 0, math.min(n, window_limit) - 1 do
  local t = tonumber(redis.call('HGET', key, 's' .. i))
  if t and t > now - window_ms then in_window = in_window + 1 end
end
return { tokens, retry_after, in_window, now }
`;
