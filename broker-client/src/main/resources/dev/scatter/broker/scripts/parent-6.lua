--[[
parent-6: create a sharded job: the record that stands for the whole job on its queue, whose tasks live on the
shards' queues (each shard a job of the same id, submitted next with submit-6), and whose reduce runs here once
every shard has succeeded (shard-end-8).

KEYS[1]  clock (hash)              scatter:v2:{q}:clock
KEYS[2]  job hash                  scatter:v2:{q}:job:<id>
KEYS[3]  jobs index (zset)         scatter:v2:{q}:jobs            score = submit time (Redis time, ms)
KEYS[4]  active jobs (hash)        scatter:v2:{q}:active
KEYS[5]  shard queues (set)        scatter:v2:{q}:shard-queues    the queues runners serving q serve too
KEYS[6]  sharded jobs (set)        scatter:v2:{q}:sharded         ids of sharded jobs waiting for their shards

ARGV[1]  job id
ARGV[2]  kind
ARGV[3]  params (JSON)
ARGV[4]  task count, all shards together
ARGV[5]  max attempts per task (and for the reduce)
ARGV[6]  max recoveries per task
ARGV[7]  result TTL (seconds), applied when the job ends
ARGV[8]  queue name
ARGV[9]  submit token
ARGV[10] the shards' queues, shard 0 first, separated by spaces

Returns  { 6, createdAt }  SUBMITTED
         { -10, token }    JOB_EXISTS
         { -4, 0 }         MALFORMED

The job is running from the start (its shards are queued on their own queues); it holds no task here and adds
nothing to the queue's outstanding count until its reduce is queued.
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

local SUBMITTED, JOB_EXISTS, MALFORMED = 6, -10, -4

local id, kind, params, total = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local maxAttempts, maxRecoveries = tonumber(ARGV[5]), tonumber(ARGV[6])
local queues = {}
for name in string.gmatch(ARGV[10], '%S+') do
  if not string.match(name, '^[%w_.-]+~%d+$') then return {MALFORMED, 0} end
  queues[#queues + 1] = name
end
if not string.match(id, '^[0-9a-z]+$') or #id > 40 or not string.match(kind, '^[%w_.-]+$') or #kind > 64
    or not total or total < 1 or total ~= math.floor(total)
    or not maxAttempts or maxAttempts < 1 or maxAttempts > 1000
    or not maxRecoveries or maxRecoveries < 0 or maxRecoveries > 1000 or #queues < 2 then
  return {MALFORMED, 0}
end
if redis.call('EXISTS', KEYS[2]) == 1 then
  return {JOB_EXISTS, redis.call('HGET', KEYS[2], 'token') or ''}
end
redis.call('HSET', KEYS[2],
  'id', id, 'queue', ARGV[8], 'kind', kind, 'params', params, 'total', total,
  'maxAttempts', maxAttempts, 'maxRecoveries', maxRecoveries, 'ttl', ARGV[7], 'state', 'running',
  'succeeded', 0, 'failed', 0, 'retries', 0, 'recovered', 0, 'handedBack', 0, 'resultBytes', 0,
  'createdAt', real, 'token', ARGV[9], 'shards', #queues, 'shardQueues', ARGV[10])
redis.call('HSET', KEYS[4], id, 'running|0|' .. total .. '|' .. maxAttempts .. '|' .. kind)
redis.call('SADD', KEYS[5], unpack(queues))
redis.call('SADD', KEYS[6], id)
redis.call('ZADD', KEYS[3], real, id)
return {SUBMITTED, real}
