--[[
cancel-4: cancel a job that has not ended.

KEYS[1]  job hash            scatter:v1:{q}:job:<id>
KEYS[2]  partial results     scatter:v1:{q}:job:<id>:results
KEYS[3]  dead tasks          scatter:v1:{q}:job:<id>:dead
KEYS[4]  expiring (zset)     scatter:v1:{q}:expiring

ARGV[1]  now (ms)
ARGV[2]  done channel
ARGV[3]  job id

Returns   7  CANCELLED
         -2  JOB_NOT_FOUND
         -3  JOB_NOT_ACTIVE (it had already ended; nothing changed)

The job's refs still in the ready or delayed lists are dropped when a runner meets them; its leases are
refused at the next renewal, which tells their runners to stop. The job hash expires after its TTL.
]]
local state = redis.call('HGET', KEYS[1], 'state')
if not state then
  return -2
end
if state == 'succeeded' or state == 'failed' or state == 'cancelled' then
  return -3
end
local ttl = tonumber(redis.call('HGET', KEYS[1], 'ttl'))
redis.call('HSET', KEYS[1], 'state', 'cancelled', 'finishedAt', ARGV[1])
redis.call('UNLINK', KEYS[2])
redis.call('EXPIRE', KEYS[1], ttl)
redis.call('EXPIRE', KEYS[3], ttl)
redis.call('ZADD', KEYS[4], tonumber(ARGV[1]) + ttl * 1000, ARGV[3])
redis.call('PUBLISH', ARGV[2], ARGV[3])
return 7
