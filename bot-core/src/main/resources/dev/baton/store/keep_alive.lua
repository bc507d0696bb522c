-- Extends the time-to-live of a conversation that is still empty; one with events has no TTL and keeps none.
-- KEYS[1] conversation hash, ARGV[1] seconds
if redis.call('TTL', KEYS[1]) > 0 then
  return redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return 0
