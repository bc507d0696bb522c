-- Adds work to a due queue (webhook deliveries, outgoing mail) unless work of that id is pending, in one step: a crash
-- can never leave a body without a due date, which no taker would ever see and which would block the id for good.
-- A body left so by an older version's crash is given its due date (due now or at ARGV[3], whichever comes first).
-- KEYS[1] the hash of bodies, KEYS[2] the due set; ARGV[1] the id, ARGV[2] the body, ARGV[3] when it is due (ms).
-- Returns 1 when added, 0 when work of that id was pending already.
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then
  redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
  return 1
end
redis.call('ZADD', KEYS[2], 'NX', ARGV[3], ARGV[1])
return 0
