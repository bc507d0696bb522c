-- Writes to a conversation as one atomic step: checks, an optional change of owner and fields, and events appended
-- to the conversation's log and to the cross-node feed. Every write of Baton goes through here, so no event can
-- slip past a change of owner (a bot reply after a handoff, two agents claiming at once).
-- KEYS[1] conversation hash, KEYS[2] conversation log, KEYS[3] client message ids, KEYS[4] feed
-- ARGV[1] origin node
-- ARGV[2] client message id, or '' (a second write with the same id stores nothing and answers the first seq)
-- ARGV[3] owners allowed at this moment, as ',bot,waiting,', or '' for any
-- ARGV[4] new owner, or ''
-- ARGV[5] feed length cap
-- ARGV[6] number n of hash fields to set, followed by n field/value pairs
-- then the events, each a JSON string
-- Returns {'appended', seq...} | {'duplicate', seq} | {'not_owner', current owner} | {'no_conversation'}
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {'no_conversation'}
end
if ARGV[2] ~= '' then
  local first = redis.call('HGET', KEYS[3], ARGV[2])
  if first then
    return {'duplicate', first}
  end
end
local owner = redis.call('HGET', KEYS[1], 'owner')
if ARGV[3] ~= '' and not string.find(ARGV[3], ',' .. owner .. ',', 1, true) then
  return {'not_owner', owner}
end
local fieldCount = tonumber(ARGV[6])
local firstEvent = 7 + 2 * fieldCount
local seqs = {'appended'}
for i = firstEvent, #ARGV do
  local seq = redis.call('XADD', KEYS[2], '*', 'event', ARGV[i], 'origin', ARGV[1])
  redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[5], '*', 'seq', seq, 'event', ARGV[i], 'origin', ARGV[1])
  seqs[#seqs + 1] = seq
end
if ARGV[2] ~= '' then
  redis.call('HSET', KEYS[3], ARGV[2], seqs[2])
end
if ARGV[4] ~= '' then
  redis.call('HSET', KEYS[1], 'owner', ARGV[4])
end
for i = 7, firstEvent - 1, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
if #seqs > 1 then
  redis.call('HSET', KEYS[1], 'lastSeq', seqs[#seqs])
  -- The first event makes an empty conversation permanent.
  redis.call('PERSIST', KEYS[1])
end
return seqs
