-- One call's turn in each of its lanes (KEYS: one hash per lane), the same rule as the client's in-memory pacer,
-- on Redis's clock so that every instance of a key shares one schedule.
-- ARGV[1]: microseconds without a 429 after which a lane stops pacing; ARGV[2]: rate regained per second (fraction).
-- Returns {wait in microseconds, then per lane its rate in calls per thousand seconds, -1 while not paced}.
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local quiet = tonumber(ARGV[1])
local increase = tonumber(ARGV[2])

local function number(text, default)
  local value = tonumber(text)
  if value == nil then return default end
  return value
end

local start = now
local rates = {}
for i, key in ipairs(KEYS) do
  local state = redis.call('HMGET', key, 'rate', 'next', 'held', 'refused_at', 'raised_at')
  local rate = tonumber(state[1])
  local next_turn = number(state[2], 0)
  local held = number(state[3], 0)
  local refused_at = number(state[4], 0)
  local raised_at = number(state[5], now)
  if rate ~= nil and now - refused_at >= quiet then
    -- quiet long enough: turns reserved while paced space nothing any more; only a Retry-After still holds
    rate = nil
    next_turn = held
    redis.call('HDEL', key, 'rate')
  end
  local turn = now
  if rate ~= nil or next_turn > now then
    turn = math.max(now, next_turn)
    if rate ~= nil then
      rate = rate + rate * increase * math.min(1, (now - raised_at) / 1000000)
      next_turn = turn + 1000000 / rate
      redis.call('HSET', key, 'rate', string.format('%.6f', rate), 'raised_at', string.format('%.0f', now))
    else
      next_turn = turn
    end
    redis.call('HSET', key, 'next', string.format('%.0f', next_turn))
  end
  start = math.max(start, turn)
  rates[i] = rate
end

-- the call counts as sent in the second its turn comes, in a ring of four one-second slots per lane
local second = math.floor(start / 1000000)
local slot = second % 4
local result = {math.floor(start - now)}
for i, key in ipairs(KEYS) do
  if tonumber(redis.call('HGET', key, 'st' .. slot)) == second then
    redis.call('HINCRBY', key, 's' .. slot, 1)
  else
    redis.call('HSET', key, 'st' .. slot, second, 's' .. slot, 1)
  end
  redis.call('EXPIRE', key, 86400)
  if rates[i] == nil then result[i + 1] = -1 else result[i + 1] = math.floor(rates[i] * 1000) end
end
return result
