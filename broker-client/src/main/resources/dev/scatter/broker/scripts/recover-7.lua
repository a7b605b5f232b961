--[[
recover-7: the queue's housekeeping, which any client may run at any time (runners do, every second): move
retries whose back-off has passed to the ready list, list expired leases, quarantine lease members that cannot
be parsed, and drop ended jobs whose keys have expired from the jobs index.

KEYS[1]  clock (hash)        scatter:v2:{q}:clock
KEYS[2]  delayed (zset)      scatter:v2:{q}:delayed       member = ref, score = due time (queue clock)
KEYS[3]  ready list          scatter:v2:{q}:ready
KEYS[4]  leases (zset)       scatter:v2:{q}:leases        score = deadline (queue clock)
KEYS[5]  malformed list      scatter:v2:{q}:malformed
KEYS[6]  jobs index (zset)   scatter:v2:{q}:jobs
KEYS[7]  expiring (zset)     scatter:v2:{q}:expiring      score = when the job's keys expire (Redis time, ms)

ARGV[1]  max entries to handle of each kind
ARGV[2]  wake channel
ARGV[3]  cap of the malformed list

Returns  { promoted, expired_1 .. expired_k }
         The expired leases are only listed: the caller settles each with op E of settle-8, which checks again
         that it is still expired, so a runner that renewed in between keeps its lease. There is no single
         reaper to lose.

Expiry is judged by the queue's clock, which stands still while nobody reaches the queue (see "Time" in
docs/protocol.md): however long Redis was away, a runner that lived through it has its lease's whole remaining
time to renew once Redis is back. Promoted refs go to the head of the ready list: they are older work than what
waits behind them.
]]
-- The queue's clock (docs/protocol.md, "Time"). These lines open every script.
if redis.replicate_commands then redis.replicate_commands() end
local time = redis.call('TIME')
local real = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local clock = redis.call('HMGET', KEYS[1], 'real', 'queue')
local now = tonumber(clock[2]) or real
local gap = real - (tonumber(clock[1]) or real)
if gap > 0 and gap <= 2000 then now = now + gap end
redis.call('HSET', KEYS[1], 'real', real, 'queue', now)

-- Cuts text to at most limit bytes, never inside a UTF-8 character.
local function clip(text, limit)
  if #text <= limit then return text end
  local cut = limit
  while cut > 0 and string.byte(text, cut + 1) >= 128 and string.byte(text, cut + 1) < 192 do cut = cut - 1 end
  return string.sub(text, 1, cut) .. '...'
end

local limit = tonumber(ARGV[1])

local due = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, limit)
if #due > 0 then
  redis.call('ZREM', KEYS[2], unpack(due))
  redis.call('LPUSH', KEYS[3], unpack(due))
  redis.call('PUBLISH', ARGV[2], 'retry')
end

local reply = {#due}
local quarantined = 0
local expired = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', now, 'LIMIT', 0, limit)
for _, member in ipairs(expired) do
  if string.match(member, '^[0-9a-z]+:[0-9r]+:%d+:[0-9a-z]+$') then
    reply[#reply + 1] = member
  else
    -- Left in place it would be listed again on every pass, ahead of real expired leases.
    redis.call('ZREM', KEYS[4], member)
    redis.call('RPUSH', KEYS[5], cjson.encode({entry = clip(member, 200), reason = 'malformed lease',
      at = real}))
    quarantined = quarantined + 1
  end
end
if quarantined > 0 then
  redis.call('LTRIM', KEYS[5], -tonumber(ARGV[3]), -1)
end

local gone = redis.call('ZRANGEBYSCORE', KEYS[7], '-inf', real, 'LIMIT', 0, limit)
if #gone > 0 then
  redis.call('ZREM', KEYS[7], unpack(gone))
  redis.call('ZREM', KEYS[6], unpack(gone))
end
return reply
