-- A call answered with something other than a 429, in each of its lanes (KEYS: one hash per lane), on Redis's clock:
-- counted in the current second of a ring of four one-second slots per lane (what pacer-limited.lua measures the
-- accepted rate from), and a paced lane regains its rate by ARGV[1] (a fraction) for each second since its last
-- answer, at most one second's worth per answer. Returns 0.
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local second = tonumber(clock[1])
local slot = second % 4
local increase = tonumber(ARGV[1])
for _, key in ipairs(KEYS) do
  local state = redis.call('HMGET', key, 'rate', 'raised_at', 'at' .. slot)
  if tonumber(state[3]) == second then
    redis.call('HINCRBY', key, 'a' .. slot, 1)
  else
    redis.call('HSET', key, 'at' .. slot, second, 'a' .. slot, 1)
  end
  local rate = tonumber(state[1])
  if rate ~= nil then
    local since = math.max(0, now - (tonumber(state[2]) or now))
    rate = rate + rate * increase * math.min(1, since / 1000000)
    redis.call('HSET', key, 'rate', string.format('%.6f', rate), 'raised_at', string.format('%.0f', now))
  end
  redis.call('EXPIRE', key, 86400)
end
return 0
