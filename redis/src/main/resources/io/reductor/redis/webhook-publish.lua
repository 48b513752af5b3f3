-- Publishes one webhook delivery to every hub of a channel, unless it repeats an earlier one, atomically.
-- KEYS[1]: the delivery's job-and-status key; KEYS[2]: the job's arrival key; KEYS[3], when given: the delivery's
-- message-id key. A delivery repeats an earlier one when its job-and-status key or its message-id key exists
-- (the rule of WebhookDeduplicator).
-- ARGV[1]: how long the keys are kept, in seconds; ARGV[2]: the pub/sub channel; ARGV[3]: the job's id.
-- Returns 1 for a new delivery (recorded and published), 0 for a repeat (nothing written).
local ttl = ARGV[1]
if redis.call('EXISTS', KEYS[1]) == 1 or (KEYS[3] ~= nil and redis.call('EXISTS', KEYS[3]) == 1) then
  return 0
end
redis.call('SET', KEYS[1], '1', 'EX', ttl)
if KEYS[3] ~= nil then
  redis.call('SET', KEYS[3], '1', 'EX', ttl)
end
redis.call('SET', KEYS[2], '1', 'EX', ttl)
redis.call('PUBLISH', ARGV[2], ARGV[3])
return 1
