--[[
retry-dead-10: give some of a job's quarantined tasks (or its quarantined reduce) a fresh set of attempts.

KEYS[1]  clock (hash)        scatter:v2:{q}:clock
KEYS[2]  job hash            scatter:v2:{q}:job:<id>
KEYS[3]  dead tasks (hash)   scatter:v2:{q}:job:<id>:dead      field = task index or "r"
KEYS[4]  ready list          scatter:v2:{q}:ready
KEYS[5]  partial results     scatter:v2:{q}:job:<id>:results
KEYS[6]  returns (hash)      scatter:v2:{q}:job:<id>:returns
KEYS[7]  expiring (zset)     scatter:v2:{q}:expiring
KEYS[8]  active jobs (hash)  scatter:v2:{q}:active
KEYS[9]  counters (hash)     scatter:v2:{q}:counters
KEYS[10] task records (hash) scatter:v2:{q}:job:<id>:tasks

ARGV[1]  wake channel
ARGV[2]  job id
ARGV[3..] the dead tasks to retry (fields of the dead hash; the caller reads them with HSCAN and sends at most
          1,000 a call, so that no call holds Redis long however many tasks died)

Returns  n >= 0  the number of tasks made ready again (0: none of those given was dead)
         -2      JOB_NOT_FOUND
         -3      JOB_NOT_ACTIVE (cancelled or succeeded: nothing to retry)

A failed job goes back to running (or to reducing, when it was its reduce that died) and loses its TTL until it
ends again. The tasks start again with no attempt, recovery or hand-back counted.
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

local JOB_NOT_FOUND, JOB_NOT_ACTIVE = -2, -3

local id = ARGV[2]
local f = redis.call('HMGET', KEYS[2], 'state', 'total', 'maxAttempts', 'kind', 'startedAt')
if not f[1] then
  return JOB_NOT_FOUND
end
local entry = redis.call('HGET', KEYS[8], id)
if not entry and f[1] ~= 'failed' then
  return JOB_NOT_ACTIVE
end
local tasks, reduce = 0, false
for i = 3, #ARGV do
  local task = ARGV[i]
  if redis.call('HDEL', KEYS[3], task) == 1 then
    redis.call('RPUSH', KEYS[4], id .. ':' .. task .. ':0')
    redis.call('HDEL', KEYS[6], 'lost:' .. task, 'back:' .. task)
    if task == 'r' then reduce = true else tasks = tasks + 1 end
  end
end
local revived = tasks + (reduce and 1 or 0)
if revived == 0 then
  return 0
end
redis.call('HINCRBY', KEYS[2], 'failed', -tasks)
redis.call('HINCRBY', KEYS[9], 'outstanding', revived)
if not entry then
  local state = reduce and 'reducing' or 'running'
  redis.call('HSET', KEYS[8], id, state .. '|' .. (f[5] or '0') .. '|' .. f[2] .. '|' .. f[3] .. '|' .. f[4])
  redis.call('HSET', KEYS[2], 'state', state)
  redis.call('HDEL', KEYS[2], 'finishedAt', 'error')
  if redis.call('HLEN', KEYS[3]) == 0 then
    redis.call('HDEL', KEYS[2], 'firstError')
  end
  redis.call('PERSIST', KEYS[2])
  redis.call('PERSIST', KEYS[3])
  redis.call('PERSIST', KEYS[5])
  redis.call('PERSIST', KEYS[6])
  redis.call('PERSIST', KEYS[10])
  redis.call('ZREM', KEYS[7], id)
end
redis.call('PUBLISH', ARGV[1], id)
return revived
