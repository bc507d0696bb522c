-- Reserves a place for one more conversation among those an agent holds, before the claim is written in the
-- conversation's own partition (on a Redis Cluster the partitions' views are in other slots than this key).
-- KEYS[1] the agent's reservations: conversation id by when its place was reserved (epoch ms)
-- ARGV[1] the conversation id, ARGV[2] how many the agent may hold
-- Returns 'held' when the conversation has its place already (its time is renewed), 'reserved' when it got one now,
-- 'full' when no place is left.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, ARGV[1])
  return 'held'
end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return 'full'
end
redis.call('ZADD', KEYS[1], now, ARGV[1])
return 'reserved'
