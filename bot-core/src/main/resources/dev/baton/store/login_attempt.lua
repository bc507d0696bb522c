-- Counts one login attempt, before its password is checked, unless a limit is reached already.
-- KEYS[1]: attempts of this email from this address; KEYS[2]: attempts from this address
-- ARGV[1]: the window in ms; ARGV[2]: the limit of KEYS[1]; ARGV[3]: the limit of KEYS[2]
-- Returns 0 when counted, else the milliseconds until the full counter's window ends (nothing counted then).
local limits = {tonumber(ARGV[2]), tonumber(ARGV[3])}
for i = 1, 2 do
  if tonumber(redis.call('GET', KEYS[i]) or '0') >= limits[i] then
    return math.max(redis.call('PTTL', KEYS[i]), 1)
  end
end
for i = 1, 2 do
  if redis.call('INCR', KEYS[i]) == 1 then
    redis.call('PEXPIRE', KEYS[i], ARGV[1])
  end
end
return 0
