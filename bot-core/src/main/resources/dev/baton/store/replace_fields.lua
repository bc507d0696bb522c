-- Changes a hash in one step (a Redis Cluster runs no MULTI, and this works on every topology): deletes some fields,
-- sets others, and optionally gives the hash a time to live.
-- KEYS[1] the hash
-- ARGV[1] seconds to live, or 0 to leave the time to live as it is; ARGV[2] n, how many field names to delete;
-- ARGV[3 .. 2+n] those names; then field, value, field, value, ...
local deletes = tonumber(ARGV[2])
for i = 3, 2 + deletes do
  redis.call('HDEL', KEYS[1], ARGV[i])
end
for i = 3 + deletes, #ARGV, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
if tonumber(ARGV[1]) > 0 then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return 0
