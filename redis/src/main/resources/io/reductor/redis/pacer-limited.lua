-- A 429 in one lane (KEYS[1]): the same rule as the client's in-memory pacer, on Redis's clock.
-- ARGV[1]: the Retry-After in microseconds, or -1; ARGV[2]: calls needed to measure the accepted rate;
-- ARGV[3]: the lowest rate; ARGV[4]: microseconds between two cuts.
-- Returns the lane's rate in calls per thousand seconds, -1 while not paced.
local key = KEYS[1]
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local retry_after = tonumber(ARGV[1])
if retry_after < 0 then retry_after = nil end
local evidence = tonumber(ARGV[2])
local min_rate = tonumber(ARGV[3])
local cut_spacing = tonumber(ARGV[4])

local function count_in(kind, second)
  local slot = second % 4
  if tonumber(redis.call('HGET', key, kind .. 't' .. slot)) == second then
    return tonumber(redis.call('HGET', key, kind .. slot)) or 0
  end
  return 0
end

local second = math.floor(now / 1000000)
local slot = second % 4
if tonumber(redis.call('HGET', key, 'rt' .. slot)) == second then
  redis.call('HINCRBY', key, 'r' .. slot, 1)
else
  redis.call('HSET', key, 'rt' .. slot, second, 'r' .. slot, 1)
end

local state = redis.call('HMGET', key, 'rate', 'next', 'held', 'cut_at')
local rate = tonumber(state[1])
local next_turn = tonumber(state[2]) or 0
local held = tonumber(state[3]) or 0
local cut_at = tonumber(state[4])

local wait = retry_after or 1000000
if retry_after ~= nil then
  held = math.max(held, now + retry_after)
  redis.call('HSET', key, 'held', string.format('%.0f', held))
end
local sent_last, sent_this = count_in('s', second - 1), count_in('s', second)
if sent_last + sent_this >= evidence then
  if cut_at == nil or now - cut_at >= cut_spacing then
    local refused = count_in('r', second - 1) + count_in('r', second)
    local elapsed = (now % 1000000) / 1000000
    local seconds = math.max(0.01, elapsed)
    if sent_last > 0 then seconds = 1 + elapsed end
    local accepted = math.max(0, sent_last + sent_this - refused) / seconds
    rate = math.max(min_rate, math.min(rate or math.huge, accepted))
    redis.call('HSET', key, 'rate', string.format('%.6f', rate), 'cut_at', string.format('%.0f', now),
      'raised_at', string.format('%.0f', now))
  end
  local spacing = 0
  if rate ~= nil then spacing = 1000000 / rate end
  wait = math.max(retry_after or 0, spacing)
end
redis.call('HSET', key, 'refused_at', string.format('%.0f', now),
  'next', string.format('%.0f', math.max(next_turn, now + wait)))
redis.call('EXPIRE', key, 86400)
if rate == nil then return -1 end
return math.floor(rate * 1000)
