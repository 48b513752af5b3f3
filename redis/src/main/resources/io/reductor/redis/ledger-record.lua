-- Records one entry of a bulk ledger, atomically: the entry in the ledger's hash (KEYS[1]) and the document in, or
-- out of, the set of documents in doubt (KEYS[2]).
-- ARGV[1]: the document's key; ARGV[2]: its entry as JSON; ARGV[3]: 1 while in doubt (no job id yet), 0 once the
-- job's id is known.
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if ARGV[3] == '1' then
  redis.call('SADD', KEYS[2], ARGV[1])
else
  redis.call('SREM', KEYS[2], ARGV[1])
end
return 1
