--[[
submit-6: create a job and make all of its tasks ready, in one atomic step that takes the same time whatever
the number of tasks.

KEYS[1]  clock (hash)        scatter:v2:{q}:clock
KEYS[2]  job hash            scatter:v2:{q}:job:<id>
KEYS[3]  ready list          scatter:v2:{q}:ready
KEYS[4]  jobs index (zset)   scatter:v2:{q}:jobs          score = submit time (Redis time, ms)
KEYS[5]  active jobs (hash)  scatter:v2:{q}:active
KEYS[6]  counters (hash)     scatter:v2:{q}:counters

ARGV[1]  job id
ARGV[2]  kind
ARGV[3]  params (JSON)
ARGV[4]  task count
ARGV[5]  max attempts per task (failures)
ARGV[6]  max recoveries per task (runners lost while running it)
ARGV[7]  result TTL (seconds), applied when the job ends
ARGV[8]  wake channel
ARGV[9]  queue name
ARGV[10] submit token (random; a call repeated after a broken connection recognises its own job by it)
ARGV[11..14]  only for a shard of a sharded job (parent-6): the job's queue, the shard's index, the index in the
         whole job of the shard's first task, and the whole job's task count. The shard's tasks are 0 to n-1 here;
         runners run task t as the job's task offset + t. Its last task settled does not queue a reduce: the
         shard ends, keeping its results for the job's reduce (settle-8, shard-end-8).

Returns  { 6, createdAt }  SUBMITTED
         { -10, token }    JOB_EXISTS (the id is taken; nothing changed): the token of the job that has it
         { -4, 0 }         MALFORMED (a kind or a count that is not of the protocol's form; nothing changed)

All the tasks enter the ready list as one range "<id>:0-<n-1>:0" (or "<id>:0:0" for a single task), which
claim-7 leases from the front: a million tasks cost what one does, and a runner sees all of them or none.
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
if not string.match(id, '^[0-9a-z]+$') or #id > 40 or not string.match(kind, '^[%w_.-]+$') or #kind > 64
    or not total or total < 1 or total > 999999999 or total ~= math.floor(total)
    or not maxAttempts or maxAttempts < 1 or maxAttempts > 1000
    or not maxRecoveries or maxRecoveries < 0 or maxRecoveries > 1000 then
  return {MALFORMED, 0}
end
local parent, shard, offset, jobTotal
if ARGV[11] and ARGV[11] ~= '' then
  parent, shard, offset, jobTotal = ARGV[11], tonumber(ARGV[12]), tonumber(ARGV[13]), tonumber(ARGV[14])
  if not string.match(parent, '^[%w_.-]+$') or #parent > 64 or not shard or shard < 0 or not offset or offset < 0
      or not jobTotal or offset + total > jobTotal then
    return {MALFORMED, 0}
  end
end
if redis.call('EXISTS', KEYS[2]) == 1 then
  return {JOB_EXISTS, redis.call('HGET', KEYS[2], 'token') or ''}
end
redis.call('HSET', KEYS[2],
  'id', id, 'queue', ARGV[9], 'kind', kind, 'params', params, 'total', total,
  'maxAttempts', maxAttempts, 'maxRecoveries', maxRecoveries, 'ttl', ARGV[7], 'state', 'queued',
  'succeeded', 0, 'failed', 0, 'retries', 0, 'recovered', 0, 'handedBack', 0, 'resultBytes', 0,
  'createdAt', real, 'token', ARGV[10])
if parent then
  redis.call('HSET', KEYS[2], 'parent', parent, 'shard', shard, 'offset', offset, 'jobTotal', jobTotal)
end
redis.call('HSET', KEYS[5], id, 'queued|0|' .. total .. '|' .. maxAttempts .. '|' .. kind)
if total == 1 then
  redis.call('RPUSH', KEYS[3], id .. ':0:0')
else
  redis.call('RPUSH', KEYS[3], id .. ':0-' .. (total - 1) .. ':0')
end
redis.call('HINCRBY', KEYS[6], 'outstanding', total)
redis.call('ZADD', KEYS[4], real, id)
redis.call('PUBLISH', ARGV[8], id)
return {SUBMITTED, real}
