--[[
renew-3: extend the leases a runner still holds (its heartbeat).

KEYS[1]  clock (hash)        scatter:v2:{q}:clock
KEYS[2]  leases (zset)       scatter:v2:{q}:leases
KEYS[3]  active jobs (hash)  scatter:v2:{q}:active
KEYS[4..3+J]  partial results of each job named in ARGV, in the same order: scatter:v2:{q}:job:<id>:results

ARGV[1]  lease (ms)
ARGV[2]  J, the number of jobs
ARGV[3..2+J]  their ids
ARGV[3+J..]   lease members "<id>:<task>:<attempt>:<token>"

Returns  the members that were NOT renewed: the lease is gone (it expired and was recovered, or the task was
         settled); the job is no longer active (cancelled, ended); or the task already has a result (recorded by a
         runner presumed dead, say). In the last two cases the lease is removed too. A runner stops the work of
         every member returned: nobody needs it any more.

A renewal never shortens a lease (ZADD GT): a lease renewed for longer by a slower, earlier call keeps its time.
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

local deadline = now + tonumber(ARGV[1])
local jobCount = tonumber(ARGV[2])
local resultsKey = {}
for k = 1, jobCount do resultsKey[ARGV[2 + k]] = KEYS[3 + k] end

local lost, keep = {}, {}
local active = {}   -- id -> true when the job still takes work

for i = 3 + jobCount, #ARGV do
  local member = ARGV[i]
  local id, task = string.match(member, '^([0-9a-z]+):([0-9r]+):%d+:[0-9a-z]+$')
  local alive = id and resultsKey[id] and redis.call('ZSCORE', KEYS[2], member)
  if alive then
    local ok = active[id]
    if ok == nil then
      local entry = redis.call('HGET', KEYS[3], id)
      ok = entry ~= false and (string.sub(entry, 1, 8) == 'running|' or string.sub(entry, 1, 9) == 'reducing|')
      active[id] = ok
    end
    if ok and task ~= 'r' and redis.call('HEXISTS', resultsKey[id], task) == 1 then
      ok = false
    end
    if ok then
      keep[#keep + 1] = member
    else
      redis.call('ZREM', KEYS[2], member)
      lost[#lost + 1] = member
    end
  else
    lost[#lost + 1] = member
  end
end

local args, n = {}, 0
for _, member in ipairs(keep) do
  args[n + 1] = deadline
  args[n + 2] = member
  n = n + 2
  if n >= 4000 then
    redis.call('ZADD', KEYS[2], 'XX', 'GT', unpack(args, 1, n))
    n = 0
  end
end
if n > 0 then
  redis.call('ZADD', KEYS[2], 'XX', 'GT', unpack(args, 1, n))
end
return lost
