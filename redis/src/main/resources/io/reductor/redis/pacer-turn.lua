-- One call's turn in each of its lanes (KEYS: one hash per lane), on Redis's clock, so that every instance of a key
-- takes its turns from one schedule.
-- ARGV[1]: microseconds without a 429 after which a lane stops pacing; ARGV[2]: answers needed to measure the accepted
-- rate; ARGV[3]: the lowest rate; ARGV[4]: microseconds ahead a turn may be reserved at most; ARGV[4 + i]: the key's
-- known limit for KEYS[i] in calls a second, or -1 when unknown (a lane with a known limit is paced at it at most, and
-- at it while there is no lower rate).
-- Returns {wait in microseconds, 1 if the caller must ask again after the wait (0 if the turn is its own), then per
-- lane its rate in calls per thousand seconds, -1 while not paced}.
-- A lane that is not paced but held by a 429 gives no turn: the call waits for the hold to end and asks again, so
-- that the calls held together are spaced by the rate the lane may have been given meanwhile instead of starting
-- all at once. The first turn asked for after a hold that a 429 without answers to measure began (pacer-limited.lua)
-- gives the lane the rate the service accepted the calls before the hold at: the answers other than 429 of the last
-- three one-second slots (the second of the burst, wherever it began, and the one of the hold), a second; that may
-- be more than the limit (a token bucket's credit, calls before the burst), which the next 429s measure and cut.
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local second = tonumber(clock[1])
local quiet = tonumber(ARGV[1])
local evidence = tonumber(ARGV[2])
local min_rate = tonumber(ARGV[3])
local horizon = tonumber(ARGV[4])

-- the answers other than 429 pacer-answered.lua counted in the lane's ring for a second
local function accepted_in(key, at)
  local ring = redis.call('HMGET', key, 'at' .. at % 4, 'a' .. at % 4)
  if tonumber(ring[1]) == at then return tonumber(ring[2]) or 0 end
  return 0
end

local states = {}
local held_until = now
for i, key in ipairs(KEYS) do
  local state = redis.call('HMGET', key, 'rate', 'next', 'held', 'refused_at', 'unmeasured', 'asks')
  local lane = {rate = tonumber(state[1]), next_turn = tonumber(state[2]) or 0, asks = tonumber(state[6]) or 0}
  local ceiling = tonumber(ARGV[4 + i])
  if ceiling < 0 then ceiling = nil end
  if lane.rate ~= nil and now - (tonumber(state[4]) or 0) >= quiet then
    -- quiet long enough: turns reserved while paced space nothing any more; only a Retry-After still holds
    lane.rate = nil
    lane.next_turn = tonumber(state[3]) or 0
    redis.call('HDEL', key, 'rate', 'unmeasured', 'asks')
    lane.asks = 0
    state[5] = false
    redis.call('HSET', key, 'next', string.format('%.0f', lane.next_turn))
  end
  if lane.rate == nil and ceiling == nil and state[5] and lane.next_turn <= now then
    redis.call('HDEL', key, 'unmeasured')
    local accepted = accepted_in(key, second - 2) + accepted_in(key, second - 1) + accepted_in(key, second)
    if accepted >= evidence then
      lane.rate = math.max(min_rate, accepted)
      redis.call('HSET', key, 'rate', string.format('%.6f', lane.rate), 'measured', string.format('%.6f', accepted),
        'raised_at', string.format('%.0f', now))
    end
  end
  if ceiling ~= nil then lane.rate = math.min(lane.rate or ceiling, ceiling) end
  if lane.rate == nil then held_until = math.max(held_until, lane.next_turn) end
  states[i] = lane
end

local result = {0, 0}
local start = now
for i, key in ipairs(KEYS) do
  if states[i].rate ~= nil then start = math.max(start, states[i].next_turn) end
end
if held_until > now then
  result[1] = math.floor(held_until - now)
  result[2] = 1
elseif start - now > horizon then
  -- no turn is reserved further ahead than the horizon, so that a cut spaces the waiting calls by the new rate
  -- instead of their going at turns reserved at the old one: the call is given a time to ask again, from a second
  -- schedule spaced like the turns (so the calls waiting come back one by one, in order), and asks again then
  local ask = now
  for i, key in ipairs(KEYS) do
    local lane = states[i]
    if lane.rate ~= nil and lane.next_turn - now > horizon then
      local at = math.max(lane.asks, lane.next_turn - horizon)
      redis.call('HSET', key, 'asks', string.format('%.0f', at + 1000000 / lane.rate))
      ask = math.max(ask, at)
    end
  end
  result[1] = math.floor(ask - now)
  result[2] = 1
else
  for i, key in ipairs(KEYS) do
    local lane = states[i]
    if lane.rate ~= nil then
      local turn = math.max(now, lane.next_turn)
      redis.call('HSET', key, 'next', string.format('%.0f', turn + 1000000 / lane.rate))
    end
  end
  result[1] = math.floor(start - now)
end
for i, key in ipairs(KEYS) do
  redis.call('EXPIRE', key, 86400)
  if states[i].rate == nil then result[i + 2] = -1 else result[i + 2] = math.floor(states[i].rate * 1000) end
end
return result
