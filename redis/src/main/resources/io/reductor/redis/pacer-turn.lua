-- One call's turn in each of its lanes (KEYS: one hash per lane), on Redis's clock, so that every instance of a key
-- takes its turns from one schedule.
-- ARGV[1]: microseconds without a 429 after which a lane stops pacing.
-- Returns {wait in microseconds, 1 if the caller must ask again after the wait (0 if the turn is its own), then per
-- lane its rate in calls per thousand seconds, -1 while not paced}.
-- A lane that is not paced but held by a 429 gives no turn: the call waits for the hold to end and asks again, so
-- that the calls held together are spaced by the rate the lane may have been given meanwhile instead of starting
-- all at once.
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local quiet = tonumber(ARGV[1])

local states = {}
local held_until = now
for i, key in ipairs(KEYS) do
  local state = redis.call('HMGET', key, 'rate', 'next', 'held', 'refused_at')
  local lane = {rate = tonumber(state[1]), next_turn = tonumber(state[2]) or 0}
  if lane.rate ~= nil and now - (tonumber(state[4]) or 0) >= quiet then
    -- quiet long enough: turns reserved while paced space nothing any more; only a Retry-After still holds
    lane.rate = nil
    lane.next_turn = tonumber(state[3]) or 0
    redis.call('HDEL', key, 'rate')
    redis.call('HSET', key, 'next', string.format('%.0f', lane.next_turn))
  end
  if lane.rate == nil then held_until = math.max(held_until, lane.next_turn) end
  states[i] = lane
end

local result = {0, 0}
if held_until > now then
  result[1] = math.floor(held_until - now)
  result[2] = 1
else
  local start = now
  for i, key in ipairs(KEYS) do
    local lane = states[i]
    if lane.rate ~= nil then
      local turn = math.max(now, lane.next_turn)
      redis.call('HSET', key, 'next', string.format('%.0f', turn + 1000000 / lane.rate))
      start = math.max(start, turn)
    end
  end
  result[1] = math.floor(start - now)
end
for i, key in ipairs(KEYS) do
  redis.call('EXPIRE', key, 86400)
  if states[i].rate == nil then result[i + 2] = -1 else result[i + 2] = math.floor(states[i].rate * 1000) end
end
return result
