-- A 429 in one lane (KEYS[1]), on Redis's clock.
-- ARGV[1]: the Retry-After in microseconds, or -1; ARGV[2]: answers needed to measure the accepted rate;
-- ARGV[3]: the lowest rate; ARGV[4]: microseconds a spell of 429s is watched before it is measured (a spell two
-- seconds old is over); ARGV[5]: the key's known limit for the lane in calls a second, or -1 when unknown (the lane
-- is then paced at it while it has no lower rate).
-- Returns the lane's rate in calls per thousand seconds, -1 while not paced.
local key = KEYS[1]
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local retry_after = tonumber(ARGV[1])
if retry_after < 0 then retry_after = nil end
local evidence = tonumber(ARGV[2])
local min_rate = tonumber(ARGV[3])
local watch = tonumber(ARGV[4])
local ceiling = tonumber(ARGV[5])
if ceiling < 0 then ceiling = nil end

local state = redis.call('HMGET', key, 'rate', 'next', 'held', 'spell_at', 'spell_answers')
local rate = tonumber(state[1]) or ceiling
local next_turn = tonumber(state[2]) or 0
local held = tonumber(state[3]) or 0
local spell_at = tonumber(state[4])
local answers = tonumber(state[5]) or 0

local wait = retry_after or 1000000
if retry_after ~= nil then
  held = math.max(held, now + retry_after)
  redis.call('HSET', key, 'held', string.format('%.0f', held))
end
if rate == nil then
  -- not paced: the 429 only holds the lane (for its Retry-After, or a second), and the first turn asked for after
  -- the hold measures the answers of the calls it held back (pacer-turn.lua)
  redis.call('HSET', key, 'unmeasured', 1)
else
  -- paced: once a 429 comes, the service refuses what it cannot take, so the answers other than 429 (of every
  -- instance, counted by pacer-answered.lua) from the first 429 of a spell on are the rate it accepts, not inflated by
  -- credit a token bucket saved while the lane went slower; measured after watching the spell a while, and cut to
  -- (never more than half of the rate per cut, so that one short measure cannot stall the lane)
  if spell_at == nil or now - spell_at > 2000000 then
    redis.call('HSET', key, 'spell_at', string.format('%.0f', now), 'spell_answers', 0)
  elseif now - spell_at >= watch and answers >= evidence then
    local accepted = answers * 1000000 / (now - spell_at)
    rate = math.max(min_rate, rate / 2, math.min(rate, accepted))
    redis.call('HSET', key, 'rate', string.format('%.6f', rate), 'measured', string.format('%.6f', accepted),
      'raised_at', string.format('%.0f', now))
    redis.call('HDEL', key, 'spell_at', 'unmeasured')
  end
  wait = math.max(retry_after or 0, 1000000 / rate)
end
redis.call('HSET', key, 'refused_at', string.format('%.0f', now),
  'next', string.format('%.0f', math.max(next_turn, now + wait)))
redis.call('EXPIRE', key, 86400)
if rate == nil then return -1 end
return math.floor(rate * 1000)
