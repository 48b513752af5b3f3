-- A 429 in one lane (KEYS[1]), on Redis's clock.
-- ARGV[1]: the Retry-After in microseconds, or -1; ARGV[2]: answers needed to measure the accepted rate;
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

-- how many answers of a kind ('a' accepted, by pacer-answered.lua; 'r' refused, here) the ring holds for a second
local function count_in(kind, second)
  local slot = second % 4
  local ring = redis.call('HMGET', key, kind .. 't' .. slot, kind .. slot)
  if tonumber(ring[1]) == second then return tonumber(ring[2]) or 0 end
  return 0
end

local second = tonumber(clock[1])
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
local accepted_last, accepted_this = count_in('a', second - 1), count_in('a', second)
local refused_last, refused_this = count_in('r', second - 1), count_in('r', second)
-- the accepted rate is measured once the lane had answers in the second before this one as well; until then a 429
-- only holds the lane (for its Retry-After, or a second)
if accepted_last + refused_last > 0 and accepted_last + accepted_this + refused_last + refused_this >= evidence then
  if cut_at == nil or now - cut_at >= cut_spacing then
    -- the rate the service accepted calls at: over the second before this one, or over that second and this one so
    -- far if that is more (the answers of the burst this 429 belongs to may still be arriving); a cut never more
    -- than halves the rate, so that one short measure cannot stall the lane
    local accepted = math.max(accepted_last, (accepted_last + accepted_this) / (1 + (now % 1000000) / 1000000))
    local floor = min_rate
    if rate ~= nil then floor = math.max(min_rate, rate / 2) end
    rate = math.max(floor, math.min(rate or math.huge, accepted))
    redis.call('HSET', key, 'rate', string.format('%.6f', rate), 'cut_at', string.format('%.0f', now),
      'raised_at', string.format('%.0f', now))
  end
  if rate ~= nil then wait = math.max(retry_after or 0, 1000000 / rate) end
end
redis.call('HSET', key, 'refused_at', string.format('%.0f', now),
  'next', string.format('%.0f', math.max(next_turn, now + wait)))
redis.call('EXPIRE', key, 86400)
if rate == nil then return -1 end
return math.floor(rate * 1000)
