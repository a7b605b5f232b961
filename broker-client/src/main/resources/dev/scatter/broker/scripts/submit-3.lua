--[[
submit-3: create a job and make all of its tasks ready, in one atomic step.

KEYS[1]  job hash            scatter:v1:{q}:job:<id>
KEYS[2]  ready list          scatter:v1:{q}:ready
KEYS[3]  jobs index (zset)   scatter:v1:{q}:jobs

ARGV[1]  now (ms)
ARGV[2]  job id
ARGV[3]  kind
ARGV[4]  params (JSON)
ARGV[5]  task count
ARGV[6]  max attempts per task
ARGV[7]  result TTL (seconds), applied when the job ends
ARGV[8]  wake channel
ARGV[9]  queue name

Returns   6  SUBMITTED
        -10  JOB_EXISTS (the id is taken; nothing changed)

Each task enters the ready list as the ref "<id>:<index>:0" (0 attempts so far); its parameters are derived
from the job's parameters and its index by the kind, so a ref is a few bytes.
]]
if redis.call('EXISTS', KEYS[1]) == 1 then
  return -10
end
local now, id, total = ARGV[1], ARGV[2], tonumber(ARGV[5])
redis.call('HSET', KEYS[1],
  'id', id, 'queue', ARGV[9], 'kind', ARGV[3], 'params', ARGV[4], 'total', total,
  'maxAttempts', ARGV[6], 'ttl', ARGV[7], 'state', 'queued',
  'succeeded', 0, 'failed', 0, 'retries', 0, 'recovered', 0, 'createdAt', now)

-- unpack() is bounded by the Lua C stack, so refs go out in chunks.
local chunk, n = {}, 0
for i = 0, total - 1 do
  n = n + 1
  chunk[n] = id .. ':' .. i .. ':0'
  if n == 4000 then
    redis.call('RPUSH', KEYS[2], unpack(chunk, 1, n))
    n = 0
  end
end
if n > 0 then
  redis.call('RPUSH', KEYS[2], unpack(chunk, 1, n))
end
redis.call('ZADD', KEYS[3], now, id)
redis.call('PUBLISH', ARGV[8], id)
return 6
