--[[
shard-end-8: tell a sharded job that one of its shards has ended; the last shard to succeed queues the job's
reduce, exactly once.

KEYS[1]  clock (hash)              scatter:v2:{q}:clock
KEYS[2]  job hash                  scatter:v2:{q}:job:<id>
KEYS[3]  shard outcomes (hash)     scatter:v2:{q}:job:<id>:shards   shard index to "succeeded" or "failed"
KEYS[4]  ready list                scatter:v2:{q}:ready
KEYS[5]  active jobs (hash)        scatter:v2:{q}:active
KEYS[6]  counters (hash)           scatter:v2:{q}:counters
KEYS[7]  sharded jobs (set)        scatter:v2:{q}:sharded
KEYS[8]  expiring (zset)           scatter:v2:{q}:expiring

ARGV[1]  wake channel
ARGV[2]  done channel
ARGV[3]  job id
ARGV[4]  shard index
ARGV[5]  what became of the shard: succeeded, failed, or missing (its record is gone: expired, or never written
         because its submit did not complete)
ARGV[6]  when the shard started (Redis time, ms; 0 if it never did)
ARGV[7]  for failed and missing, why (kept as the job's error)

Returns  1   the reduce was queued (this was the last shard to succeed)
         0   recorded (or already known); the job waits for other shards, or has ended failed (missing)
        -2   JOB_NOT_FOUND
        -3   JOB_NOT_ACTIVE (cancelled, ended, or its reduce is already queued: nothing changed)
        -4   MALFORMED

Idempotent: the runner that settles a shard's last task calls it, and any runner's shard check calls it again for
a shard whose end it does not find recorded, so a runner lost between the two calls delays the reduce by a check
at most. A shard that failed and is retried (retry-dead-10) ends again and its outcome is overwritten. The job
stays running while a shard has failed, until it is retried, cancelled, or its record expires (missing): its
state as read (Broker.status) is then failed.
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

local JOB_NOT_FOUND, JOB_NOT_ACTIVE, MALFORMED = -2, -3, -4

local id, index, outcome, startedAt = ARGV[3], tonumber(ARGV[4]), ARGV[5], tonumber(ARGV[6]) or 0
local f = redis.call('HMGET', KEYS[2], 'state', 'shards', 'ttl')
if not f[1] then
  return JOB_NOT_FOUND
end
local shards, ttl = tonumber(f[2]), tonumber(f[3]) or 1
if not shards or not index or index < 0 or index >= shards or index ~= math.floor(index)
    or not (outcome == 'succeeded' or outcome == 'failed' or outcome == 'missing') then
  return MALFORMED
end
local entry = redis.call('HGET', KEYS[5], id)
local state, started, total, maxAttempts, kind
if entry then
  state, started, total, maxAttempts, kind = string.match(entry, '^(%l+)|(%d+)|(%d+)|(%d+)|([%w_.-]+)$')
end
if state ~= 'running' then
  return JOB_NOT_ACTIVE
end
if startedAt > 0 and (started == '0' or startedAt < tonumber(started)) then
  started = tostring(startedAt)
end

if outcome == 'missing' then
  local why = string.sub(ARGV[7] or '', 1, 300)
  redis.call('HDEL', KEYS[5], id)
  redis.call('SREM', KEYS[7], id)
  redis.call('HSET', KEYS[2], 'state', 'failed', 'finishedAt', real, 'error', 'shard ' .. index .. ' is missing: ' .. why)
  if started ~= '0' then redis.call('HSET', KEYS[2], 'startedAt', started) end
  redis.call('EXPIRE', KEYS[2], ttl)
  redis.call('EXPIRE', KEYS[3], ttl)
  redis.call('ZADD', KEYS[8], real + ttl * 1000, id)
  redis.call('PUBLISH', ARGV[2], id)
  return 0
end

redis.call('HSET', KEYS[5], id, state .. '|' .. started .. '|' .. total .. '|' .. maxAttempts .. '|' .. kind)
redis.call('HSET', KEYS[3], index, outcome)
if outcome == 'failed' then
  redis.call('HSET', KEYS[2], 'error', 'shard ' .. index .. ' failed: ' .. string.sub(ARGV[7] or '', 1, 300))
  redis.call('PUBLISH', ARGV[2], id)
  return 0
end
local succeeded = 0
for _, value in ipairs(redis.call('HVALS', KEYS[3])) do
  if value == 'succeeded' then succeeded = succeeded + 1 end
end
if succeeded < shards then
  return 0
end
redis.call('HSET', KEYS[5], id, 'reducing|' .. started .. '|' .. total .. '|' .. maxAttempts .. '|' .. kind)
redis.call('HSET', KEYS[2], 'state', 'reducing', 'reduceQueuedAt', real)
redis.call('HDEL', KEYS[2], 'error')
redis.call('SREM', KEYS[7], id)
redis.call('LPUSH', KEYS[4], id .. ':r:0')
redis.call('HINCRBY', KEYS[6], 'outstanding', 1)
redis.call('PUBLISH', ARGV[1], 'ready')
return 1
