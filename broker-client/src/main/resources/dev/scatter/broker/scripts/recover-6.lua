--[[
recover-6: the queue's housekeeping, which any client may run at any time (runners do, every second):
move retries whose back-off has passed to the ready list, list expired leases, quarantine lease members that
cannot be parsed, and drop ended jobs whose keys have expired from the jobs index.

KEYS[1]  delayed (zset)      scatter:v1:{q}:delayed       member = ref, score = due time ms
KEYS[2]  ready list          scatter:v1:{q}:ready
KEYS[3]  leases (zset)       scatter:v1:{q}:leases
KEYS[4]  malformed list      scatter:v1:{q}:malformed
KEYS[5]  jobs index (zset)   scatter:v1:{q}:jobs
KEYS[6]  expiring (zset)     scatter:v1:{q}:expiring

ARGV[1]  now (ms)
ARGV[2]  max entries to handle of each kind
ARGV[3]  wake channel
ARGV[4]  cap of the malformed list

Returns  { promoted, expired_1 .. expired_k }
         The expired leases are only listed: the caller settles each with op E of settle-4, which checks again
         that it is still expired, so a runner that renewed in between keeps its lease. There is no single
         reaper to lose.

Promoted refs go to the head of the ready list: they are older work than what waits behind them.
]]
local now, limit = ARGV[1], ARGV[2]

local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, limit)
if #due > 0 then
  redis.call('ZREM', KEYS[1], unpack(due))
  redis.call('LPUSH', KEYS[2], unpack(due))
  redis.call('PUBLISH', ARGV[3], 'retry')
end

local reply = {#due}
local quarantined = 0
local expired = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now, 'LIMIT', 0, limit)
for _, member in ipairs(expired) do
  local id, task = string.match(member, '^(%w+):(%w+):%d+:%w+$')
  if id and (task == 'r' or string.match(task, '^%d+$')) then
    reply[#reply + 1] = member
  else
    -- Left in place it would be listed again on every pass, ahead of real expired leases.
    redis.call('ZREM', KEYS[3], member)
    redis.call('RPUSH', KEYS[4], cjson.encode({entry = member, reason = 'malformed lease', at = tonumber(now)}))
    quarantined = quarantined + 1
  end
end
if quarantined > 0 then
  redis.call('LTRIM', KEYS[4], -tonumber(ARGV[4]), -1)
end

local gone = redis.call('ZRANGEBYSCORE', KEYS[6], '-inf', now, 'LIMIT', 0, limit)
if #gone > 0 then
  redis.call('ZREM', KEYS[6], unpack(gone))
  redis.call('ZREM', KEYS[5], unpack(gone))
end
return reply
