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

local state = redis.call('HMGET', key, 'rate', 'next', 'held', 'cut_at', 'since_cut')
local rate = tonumber(state[1])
local next_turn = tonumber(state[2]) or 0
local held = tonumber(state[3]) or 0
local cut_at = tonumber(state[4])
local since_cut = tonumber(state[5]) or 0

local wait = retry_after or 1000000
if retry_after ~= nil then
  held = math.max(held, now + retry_after)
  redis.call('HSET', key, 'held', string.format('%.0f', held))
end
-- the rate the service accepted calls at, measured once the lane is paced (before that a 429 only holds the lane,
-- for its Retry-After or a second, and pacer-turn.lua measures when the hold ends):
-- * over the time since the lane's last measure when that is one to two seconds: its answers all came after that
--   measure, so they are not inflated by credit a token bucket saved while the lane went slower;
-- * otherwise, once the lane had answers in the second before this one as well, over that second, or over it and
--   this one so far if that is more (the answers of the burst this 429 belongs to may still be arriving).
local accepted = nil
if rate ~= nil then
  local accepted_last, accepted_this = count_in('a', second - 1), count_in('a', second)
  local refused_last, refused_this = count_in('r', second - 1), count_in('r', second)
  if cut_at ~= nil and now - cut_at >= 1000000 and now - cut_at <= 2000000 and since_cut >= evidence then
    accepted = since_cut * 1000000 / (now - cut_at)
  elseif accepted_last + refused_last > 0
      and accepted_last + accepted_this + refused_last + refused_this >= evidence then
    accepted = math.max(accepted_last, (accepted_last + accepted_this) / (1 + (now % 1000000) / 1000000))
  end
end
if accepted ~= nil then
  if cut_at == nil or now - cut_at >= cut_spacing then
    -- a cut never more than halves the rate, so that one short measure cannot stall the lane
    rate = math.max(min_rate, rate / 2, math.min(rate, accepted))
    redis.call('HSET', key, 'rate', string.format('%.6f', rate), 'measured', string.format('%.6f', accepted),
      'cut_at', string.format('%.0f', now), 'raised_at', string.format('%.0f', now), 'since_cut', 0)
    redis.call('HDEL', key, 'unmeasured')
  end
  wait = math.max(retry_after or 0, 1000000 / rate)
end
redis.call('HSET', key, 'refused_at', string.format('%.0f', now),
  'next', string.format('%.0f', math.max(next_turn, now + wait)))
-- nothing to measure yet: the first turn asked for after the hold measures the answers of the calls it held back
if rate == nil then redis.call('HSET', key, 'unmeasured', 1) end
redis.call('EXPIRE', key, 86400)
if rate == nil then return -1 end
return math.floor(rate * 1000)
