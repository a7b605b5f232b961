--[[
retry-dead-5: give a job's quarantined tasks (or its quarantined reduce) a fresh set of attempts.

KEYS[1]  job hash            scatter:v1:{q}:job:<id>
KEYS[2]  dead tasks (hash)   scatter:v1:{q}:job:<id>:dead      field = task index or "r"
KEYS[3]  ready list          scatter:v1:{q}:ready
KEYS[4]  partial results     scatter:v1:{q}:job:<id>:results
KEYS[5]  expiring (zset)     scatter:v1:{q}:expiring

ARGV[1]  now (ms)
ARGV[2]  wake channel
ARGV[3]  job id

Returns  n >= 0  the number of tasks made ready again (0: the job has no dead tasks)
         -2      JOB_NOT_FOUND
         -3      JOB_NOT_ACTIVE (cancelled or succeeded: nothing to retry)

A failed job goes back to running (or to reducing, when it was its reduce that died) and loses its TTL
until it ends again.
]]
local state = redis.call('HGET', KEYS[1], 'state')
if not state then
  return -2
end
if state == 'cancelled' or state == 'succeeded' then
  return -3
end
local fields = redis.call('HKEYS', KEYS[2])
if #fields == 0 then
  return 0
end
local id = ARGV[3]
local tasks, reduce = 0, false
for _, task in ipairs(fields) do
  redis.call('RPUSH', KEYS[3], id .. ':' .. task .. ':0')
  if task == 'r' then reduce = true else tasks = tasks + 1 end
end
redis.call('DEL', KEYS[2])
redis.call('HINCRBY', KEYS[1], 'failed', -tasks)
if state == 'failed' then
  redis.call('HSET', KEYS[1], 'state', reduce and 'reducing' or 'running')
  redis.call('HDEL', KEYS[1], 'finishedAt', 'error')
  redis.call('PERSIST', KEYS[1])
  redis.call('PERSIST', KEYS[4])
  redis.call('ZREM', KEYS[5], id)
end
redis.call('PUBLISH', ARGV[2], id)
return #fields
