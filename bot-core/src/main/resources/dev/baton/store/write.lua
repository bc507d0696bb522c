-- Writes to a conversation as one atomic step: checks, an optional change of owner and fields, events appended to
-- the conversation's log and to the cross-node feed, and the inbox indexes kept in line with the result. Every
-- write of Baton goes through here, so no event can slip past a change of owner (a bot reply after a handoff, two
-- agents claiming at once) and the inbox never disagrees with the conversations.
-- Every key it touches is in the conversation's partition (RedisKeys), so on a Redis Cluster it runs in one slot: the
-- inbox views and the visitor's and user's indexes are named from prefixes of that partition, because which of them
-- a write touches depends on what the conversation holds.
--
-- KEYS[1] conversation hash, KEYS[2] conversation log, KEYS[3] client message ids, KEYS[4] feed,
-- KEYS[5] conversations by creation time, KEYS[6] the customer events of this minute (a counter that expires)
-- ARGV[1] options as JSON:
--   id, origin, feedCap, events (JSON strings, appended in order),
--   inbox          the prefix of the partition's inbox views (waiting, open, bot, resolved, agent:<id>)
--   visitorIndex, userIndex  the prefixes of a visitor's and a verified user's index of conversations
--   clientMsgId?   a second write with the same id stores nothing and answers the first seq
--   allowedOwners? owners the conversation may have at this moment
--   newOwner?      the owner after the write
--   set?           fields to set; the value "$now" becomes the time of the write in epoch ms
--   setIfAbsent?   fields to set only if they have no value yet ("$now" likewise)
--   increment?     fields to add a number to
--   reopen?        an event (JSON) appended first, with the owner set back to bot, if the conversation is resolved
--   assignee?      refuse if another agent holds the conversation at this moment (nobody holding it passes)
--   capacity?      {agent, limit}: refuse if that agent already holds `limit` open conversations (one partition
--                  only: partitioned, the store reserves the place in the agent's own key before this write)
--   advancing?     {field, seq}: write only if seq is after the field's seq and not after the last event
--   perMinute?     refuse if the customer events of this minute, with this write's, would be more than this
--   confirmResend? a resend (known clientMsgId) still writes, so that the caller's WAIT covers the first write
-- Returns {'appended', seq...} | {'duplicate', seq} | {'not_owner', owner, assignee} | {'over_capacity'}
--   | {'no_conversation'} | {'unchanged', owner} | {'rate_limited', milliseconds until the minute is over}
-- An assignee of '' means nobody.
local opts = cjson.decode(ARGV[1])
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {'no_conversation'}
end
if opts.clientMsgId then
  local first = redis.call('HGET', KEYS[3], opts.clientMsgId)
  if first then
    if opts.confirmResend then
      -- The caller WAITs for replicas after this script, and WAIT covers only this connection's own writes: a
      -- resend that writes nothing would be confirmed at once, though the first write may still be on no replica.
      -- Replication keeps order, so once this write is on a replica, the first one is too.
      redis.call('HINCRBY', KEYS[1], 'resends', 1)
    end
    return {'duplicate', first}
  end
end
local owner = redis.call('HGET', KEYS[1], 'owner')
local wasResolved = owner == 'resolved'
local reopening = opts.reopen and owner == 'resolved'
if reopening then
  owner = 'bot'
end
if opts.allowedOwners then
  local allowed = false
  for _, candidate in ipairs(opts.allowedOwners) do
    if candidate == owner then allowed = true end
  end
  if not allowed then
    return {'not_owner', owner, redis.call('HGET', KEYS[1], 'assignee') or ''}
  end
end
local holder = redis.call('HGET', KEYS[1], 'assignee') or ''
if opts.assignee and holder ~= '' and holder ~= opts.assignee then
  return {'not_owner', owner, holder}
end
local inbox = opts.inbox
if opts.capacity then
  if redis.call('ZCARD', inbox .. 'agent:' .. opts.capacity.agent) >= tonumber(opts.capacity.limit) then
    return {'over_capacity'}
  end
end

-- Seqs are stream ids, "<ms>-<n>": compared as numbers, part by part (a client's may have leading zeros).
local function decimal(digits)
  return (string.gsub(digits, '^0+(%d)', '%1'))
end
local function decimalLess(a, b)
  if #a ~= #b then return #a < #b end
  return a < b
end
local function seqAfter(a, b)
  if not b or b == '' then return true end
  local am, an = string.match(a, '^(%d+)-(%d+)$')
  local bm, bn = string.match(b, '^(%d+)-(%d+)$')
  if not am then return false end
  if not bm then return true end
  am, an, bm, bn = decimal(am), decimal(an), decimal(bm), decimal(bn)
  if am ~= bm then return decimalLess(bm, am) end
  return decimalLess(bn, an)
end
if opts.advancing then
  local current = redis.call('HGET', KEYS[1], opts.advancing.field)
  local last = redis.call('HGET', KEYS[1], 'lastSeq')
  if not last or not seqAfter(opts.advancing.seq, current) or seqAfter(opts.advancing.seq, last) then
    return {'unchanged', owner}
  end
end
if opts.perMinute then
  local adding = #(opts.events or {}) + (reopening and 1 or 0)
  local used = tonumber(redis.call('GET', KEYS[6]) or '0')
  if used + adding > tonumber(opts.perMinute) then
    local left = redis.call('PTTL', KEYS[6])
    return {'rate_limited', tostring(left > 0 and left or 60000)}
  end
  if redis.call('INCRBY', KEYS[6], adding) == adding then
    redis.call('PEXPIRE', KEYS[6], 60000)
  end
end

local time = redis.call('TIME')
local now = tostring(tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000))
local function value(v)
  if v == '$now' then return now end
  return tostring(v)
end

local previousAssignee = redis.call('HGET', KEYS[1], 'assignee')
local seqs = {'appended'}
if reopening then
  local seq = redis.call('XADD', KEYS[2], '*', 'event', opts.reopen, 'origin', opts.origin)
  redis.call('XADD', KEYS[4], 'MAXLEN', '~', opts.feedCap, '*', 'seq', seq, 'event', opts.reopen, 'origin', opts.origin)
  redis.call('HSET', KEYS[1], 'owner', 'bot', 'assignee', '')
end
for _, event in ipairs(opts.events or {}) do
  local seq = redis.call('XADD', KEYS[2], '*', 'event', event, 'origin', opts.origin)
  redis.call('XADD', KEYS[4], 'MAXLEN', '~', opts.feedCap, '*', 'seq', seq, 'event', event, 'origin', opts.origin)
  seqs[#seqs + 1] = seq
end
if opts.clientMsgId then
  redis.call('HSET', KEYS[3], opts.clientMsgId, seqs[2])
end
if opts.newOwner then
  redis.call('HSET', KEYS[1], 'owner', opts.newOwner)
  owner = opts.newOwner
end
if wasResolved and owner ~= 'resolved' then
  -- A rating belongs to a resolution: reopened, the conversation will be rated afresh.
  redis.call('HDEL', KEYS[1], 'csatRating')
end
for field, v in pairs(opts.set or {}) do
  redis.call('HSET', KEYS[1], field, value(v))
end
for field, v in pairs(opts.setIfAbsent or {}) do
  redis.call('HSETNX', KEYS[1], field, value(v))
end
for field, v in pairs(opts.increment or {}) do
  redis.call('HINCRBY', KEYS[1], field, v)
end
if #seqs == 1 and not opts.newOwner and not reopening then
  return seqs
end
if #seqs > 1 then
  redis.call('HSET', KEYS[1], 'lastSeq', seqs[#seqs])
  -- The first event makes an empty conversation permanent, and only then do its visitor, its user and the KPIs find
  -- it: a visitor who never writes leaves nothing behind.
  if redis.call('PERSIST', KEYS[1]) == 1 then
    local f = redis.call('HMGET', KEYS[1], 'createdAt', 'visitorId', 'customerVerified', 'userId')
    local createdAt = tonumber(f[1]) or tonumber(now)
    redis.call('ZADD', KEYS[5], createdAt, opts.id)
    if f[2] then
      redis.call('ZADD', opts.visitorIndex .. f[2], createdAt, opts.id)
    end
    if f[3] == 'true' and f[4] then
      redis.call('ZADD', opts.userIndex .. f[4], createdAt, opts.id)
    end
  end
end
redis.call('HSET', KEYS[1], 'updatedAt', now)

-- The inbox: each conversation sits in the views its owner puts it in, scored for that view's order.
local id = opts.id
local assignee = redis.call('HGET', KEYS[1], 'assignee')
redis.call('ZREM', inbox .. 'waiting', id)
redis.call('ZREM', inbox .. 'open', id)
redis.call('ZREM', inbox .. 'bot', id)
redis.call('ZREM', inbox .. 'resolved', id)
if previousAssignee and previousAssignee ~= '' then
  redis.call('ZREM', inbox .. 'agent:' .. previousAssignee, id)
end
if assignee and assignee ~= '' then
  redis.call('ZREM', inbox .. 'agent:' .. assignee, id)
end
if owner == 'bot' then
  redis.call('ZADD', inbox .. 'bot', now, id)
elseif owner == 'waiting' then
  -- High priority first, then the longest waiting.
  local handedOffAt = tonumber(redis.call('HGET', KEYS[1], 'handedOffAt') or now)
  local rank = (redis.call('HGET', KEYS[1], 'priority') == 'high') and 0 or 1e13
  redis.call('ZADD', inbox .. 'waiting', rank + handedOffAt, id)
  redis.call('ZADD', inbox .. 'open', now, id)
elseif owner == 'agent' then
  redis.call('ZADD', inbox .. 'open', now, id)
  if assignee and assignee ~= '' then
    redis.call('ZADD', inbox .. 'agent:' .. assignee, now, id)
  end
elseif owner == 'resolved' then
  redis.call('ZADD', inbox .. 'resolved', now, id)
end
return seqs
