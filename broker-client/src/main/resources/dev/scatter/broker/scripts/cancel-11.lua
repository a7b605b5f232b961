--[[
cancel-11: cancel a job that has not ended.

KEYS[1]  clock (hash)        scatter:v2:{q}:clock
KEYS[2]  job hash            scatter:v2:{q}:job:<id>
KEYS[3]  partial results     scatter:v2:{q}:job:<id>:results
KEYS[4]  dead tasks          scatter:v2:{q}:job:<id>:dead
KEYS[5]  returns             scatter:v2:{q}:job:<id>:returns
KEYS[6]  expiring (zset)     scatter:v2:{q}:expiring
KEYS[7]  active jobs (hash)  scatter:v2:{q}:active
KEYS[8]  counters (hash)     scatter:v2:{q}:counters
KEYS[9]  parked (zset)       scatter:v2:{q}:parked
KEYS[10] leases (zset)       scatter:v2:{q}:leases
KEYS[11] task records       scatter:v2:{q}:job:<id>:tasks

ARGV[1]  done channel
ARGV[2]  job id

Returns   7  CANCELLED
         -2  JOB_NOT_FOUND
         -3  JOB_NOT_ACTIVE (it had already ended; nothing changed)

The job leaves the active hash at once, so its tasks stop counting as outstanding, and runners drop its refs when
they meet them in the ready list. Its parked refs and its leases are removed here (the leases are looked for among
all the queue's, a few thousand at most: one per task running); a runner learns it at its next renewal and stops
the task. The job hash, its dead tasks and its task records expire after its TTL.
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

local CANCELLED, JOB_NOT_FOUND, JOB_NOT_ACTIVE = 7, -2, -3

local id = ARGV[2]
local f = redis.call('HMGET', KEYS[2], 'ttl', 'total', 'succeeded', 'failed', 'kind')
if not f[1] then
  return JOB_NOT_FOUND
end
local entry = redis.call('HGET', KEYS[7], id)
if not entry then
  return JOB_NOT_ACTIVE
end
local ttl = tonumber(f[1])
local remaining = tonumber(f[2]) - tonumber(f[3]) - tonumber(f[4])
if string.sub(entry, 1, 9) == 'reducing|' then
  remaining = remaining + 1
end
local started = string.match(entry, '^%l+|(%d+)|')
redis.call('HDEL', KEYS[7], id)
redis.call('HINCRBY', KEYS[8], 'outstanding', -remaining)
redis.call('HSET', KEYS[2], 'state', 'cancelled', 'finishedAt', real)
if started and started ~= '0' then
  redis.call('HSET', KEYS[2], 'startedAt', started)
end
local parked = redis.call('ZRANGEBYLEX', KEYS[9], '[' .. f[5] .. '|' .. id .. ':', '(' .. f[5] .. '|' .. id .. ';')
for i = 1, #parked, 4000 do
  redis.call('ZREM', KEYS[9], unpack(parked, i, math.min(i + 3999, #parked)))
end
local prefix = id .. ':'
local leases, mine = redis.call('ZRANGE', KEYS[10], 0, -1), {}
for _, member in ipairs(leases) do
  if string.sub(member, 1, #prefix) == prefix then mine[#mine + 1] = member end
end
for i = 1, #mine, 4000 do
  redis.call('ZREM', KEYS[10], unpack(mine, i, math.min(i + 3999, #mine)))
end
redis.call('UNLINK', KEYS[3], KEYS[5])
redis.call('EXPIRE', KEYS[2], ttl)
redis.call('EXPIRE', KEYS[4], ttl)
redis.call('EXPIRE', KEYS[11], ttl)
redis.call('ZADD', KEYS[6], real + ttl * 1000, id)
redis.call('PUBLISH', ARGV[1], id)
return CANCELLED
