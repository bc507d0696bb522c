-- Appends one event to a conversation's log and to the cross-node feed, as one atomic step.
-- KEYS[1] conversation hash, KEYS[2] conversation log, KEYS[3] client message ids, KEYS[4] feed
-- ARGV[1] event JSON, ARGV[2] origin node, ARGV[3] client message id or '', ARGV[4] required owner or '',
-- ARGV[5] feed length cap
-- Returns {status, seq}: appended | duplicate (seq of the first copy) | not_owner | no_conversation.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {'no_conversation', ''}
end
if ARGV[3] ~= '' then
  local first = redis.call('HGET', KEYS[3], ARGV[3])
  if first then
    return {'duplicate', first}
  end
end
if ARGV[4] ~= '' and redis.call('HGET', KEYS[1], 'owner') ~= ARGV[4] then
  return {'not_owner', ''}
end
local seq = redis.call('XADD', KEYS[2], '*', 'event', ARGV[1], 'origin', ARGV[2])
if ARGV[3] ~= '' then
  redis.call('HSET', KEYS[3], ARGV[3], seq)
end
redis.call('HSET', KEYS[1], 'lastSeq', seq)
-- The first event makes an empty conversation permanent.
redis.call('PERSIST', KEYS[1])
redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[5], '*', 'seq', seq, 'event', ARGV[1], 'origin', ARGV[2])
return {'appended', seq}
