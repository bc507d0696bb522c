-- A login attempt had the right password: the email's attempts from the address are forgotten, and the address's
-- counter gives this attempt back (never below zero, never outliving its window).
-- KEYS[1]: attempts of this email from this address; KEYS[2]: attempts from this address
redis.call('DEL', KEYS[1])
if tonumber(redis.call('GET', KEYS[2]) or '0') > 0 then
  redis.call('DECR', KEYS[2])
end
return 0
