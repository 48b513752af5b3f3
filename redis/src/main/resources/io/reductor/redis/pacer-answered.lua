-- A call answered with something other than a 429, in each of its lanes (KEYS: one hash per lane), on Redis's clock:
-- counted in the current second of a ring of four one-second slots per lane (what pacer-turn.lua measures a held
-- burst from) and in the lane's spell of 429s (what pacer-limited.lua measures the accepted rate from), and a paced
-- lane regains its rate for each second since its last answer, at most one second's worth per answer: by ARGV[1] (a
-- fraction) a second, but by ARGV[2] only while the rate is within ARGV[3] (a fraction) above the accepted rate the
-- last cut measured, so that the lane probes slowly where the limit was found and faster away from it, and never
-- past ARGV[3 + i], the key's known limit for KEYS[i] in calls a second (-1 when unknown). Returns 0.
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local second = tonumber(clock[1])
local slot = second % 4
local increase = tonumber(ARGV[1])
local increase_near = tonumber(ARGV[2])
local near = 1 + tonumber(ARGV[3])
for i, key in ipairs(KEYS) do
  local ceiling = tonumber(ARGV[3 + i])
  if ceiling < 0 then ceiling = math.huge end
  local state = redis.call('HMGET', key, 'rate', 'raised_at', 'at' .. slot, 'measured')
  if tonumber(state[3]) == second then
    redis.call('HINCRBY', key, 'a' .. slot, 1)
  else
    redis.call('HSET', key, 'at' .. slot, second, 'a' .. slot, 1)
  end
  redis.call('HINCRBY', key, 'spell_answers', 1)
  local rate = tonumber(state[1])
  if rate ~= nil then
    local since = math.max(0, now - (tonumber(state[2]) or now))
    local measured = tonumber(state[4])
    local fraction = increase
    if measured ~= nil and rate >= measured and rate < measured * near then fraction = increase_near end
    rate = math.min(ceiling, rate + rate * fraction * math.min(1, since / 1000000))
    redis.call('HSET', key, 'rate', string.format('%.6f', rate), 'raised_at', string.format('%.0f', now))
  end
  redis.call('EXPIRE', key, 86400)
end
return 0
