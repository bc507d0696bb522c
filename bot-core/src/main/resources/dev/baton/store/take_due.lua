-- Leases the work that is due (webhook deliveries, outgoing mail) to one caller: it stays in the set, due again when the lease ends.
-- KEYS[1] the due set; ARGV[1] now (ms), ARGV[2] the lease's end (ms), ARGV[3] how many at most.
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
for _, id in ipairs(ids) do
  redis.call('ZADD', KEYS[1], ARGV[2], id)
end
return ids
