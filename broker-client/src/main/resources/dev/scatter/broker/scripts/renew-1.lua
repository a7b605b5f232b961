--[[
renew-1: extend the leases a runner still holds (its heartbeat).

KEYS[1]  leases (zset)       scatter:v1:{q}:leases

ARGV[1]  job key prefix      scatter:v1:{q}:job:
ARGV[2]  new deadline (ms)
ARGV[3..] lease members "<id>:<task>:<attempt>:<token>"

Returns  the members that were NOT renewed: the lease is gone (it expired and was recovered, or the task was
         settled); the job was cancelled or has finished; or the task already has a result (recorded by a
         runner presumed dead, say). In the last two cases the lease is removed too. A runner stops the work
         of every member returned: nobody needs it any more.
]]
local prefix, deadline = ARGV[1], ARGV[2]
local lost = {}
local keep = {}
local active = {}   -- id -> true when the job still accepts work

for i = 3, #ARGV do
  local member = ARGV[i]
  local id, task = string.match(member, '^(%w+):(%w+):%d+:%w+$')
  local alive = redis.call('ZSCORE', KEYS[1], member)
  if alive and id then
    local ok = active[id]
    if ok == nil then
      local state = redis.call('HGET', prefix .. id, 'state')
      ok = (state == 'running' or state == 'reducing')
      active[id] = ok
    end
    if ok and task ~= 'r' and redis.call('HEXISTS', prefix .. id .. ':results', task) == 1 then
      ok = false
    end
    if ok then
      keep[#keep + 1] = member
    else
      redis.call('ZREM', KEYS[1], member)
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
    redis.call('ZADD', KEYS[1], 'XX', unpack(args, 1, n))
    n = 0
  end
end
if n > 0 then
  redis.call('ZADD', KEYS[1], 'XX', unpack(args, 1, n))
end
return lost
