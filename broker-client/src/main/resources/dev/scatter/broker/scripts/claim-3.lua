--[[
claim-3: lease up to N ready tasks, atomically moving each ref from the ready list to the leases.

KEYS[1]  ready list          scatter:v1:{q}:ready
KEYS[2]  leases (zset)       scatter:v1:{q}:leases        member "<id>:<task>:<attempt>:<token>", score = deadline
KEYS[3]  malformed list      scatter:v1:{q}:malformed

ARGV[1]  job key prefix      scatter:v1:{q}:job:
ARGV[2]  now (ms)
ARGV[3]  lease deadline (ms)
ARGV[4]  max refs to take
ARGV[5]  cap of the malformed list
ARGV[6]  claim token (a few random letters and digits, new for every call)

Returns  { n, lease_1 .. lease_n, m, (id, kind, params, total, maxAttempts) x m, more }
         the leases taken, then the jobs they belong to (each once), then 1 if the call stopped at its limit
         of refs looked at with refs left (call again at once), else 0. An empty queue gives { 0, 0, 0 }.

A ref "<id>:<task>:<attempts>" carries the attempts made so far. The lease member is
"<id>:<task>:<attempts + 1>:<token>": unique to this claim, so it fences. A runner whose lease expired and
was taken over, or was handed back and claimed again, holds a member that no longer exists, and its
renewals, failures and hand-backs change nothing. <task> is a task index or "r" for the job's reduce.

Refs are dropped, not leased, when their job is cancelled or finished, or the task already has a result;
the script then pops further refs, until it has N leases, the list is empty, or it has looked at 10,000 refs
or more; in the last case, with refs left, it sets `more` so the caller calls again at once. An empty reply
with more = 0 means the ready list is empty.
A ref that cannot be parsed, or names a job that does not exist or an index out of range, is quarantined in
the malformed list with its reason.
]]
local prefix, now, deadline, token = ARGV[1], ARGV[2], ARGV[3], ARGV[6]
local want = tonumber(ARGV[4])
local quarantined = 0

local function quarantine(entry, reason)
  redis.call('RPUSH', KEYS[3], cjson.encode({entry = entry, reason = reason, at = tonumber(now)}))
  quarantined = quarantined + 1
end

local jobs = {}       -- id -> job fields, or false when the job does not exist
local jobOrder = {}
local leases = {}

local function take(refs)
local pending = {}    -- id -> { {index, attempts}, ... } tasks waiting for the done-check
for _, ref in ipairs(refs) do
  local id, task, attempts = string.match(ref, '^(%w+):(%w+):(%d+)$')
  if not id or not (task == 'r' or string.match(task, '^%d+$')) then
    quarantine(ref, 'malformed ref')
  else
    local job = jobs[id]
    if job == nil then
      local f = redis.call('HMGET', prefix .. id, 'state', 'kind', 'params', 'total', 'maxAttempts')
      if not f[1] then
        job = false
      else
        job = {state = f[1], kind = f[2], params = f[3], total = tonumber(f[4]), maxAttempts = f[5]}
        if job.state == 'queued' then
          redis.call('HSET', prefix .. id, 'state', 'running', 'startedAt', now)
          job.state = 'running'
        end
      end
      jobs[id] = job
    end
    if job == false then
      quarantine(ref, 'job ' .. id .. ' not found')
    elseif task == 'r' then
      if job.state == 'reducing' then
        leases[#leases + 1] = id .. ':r:' .. (tonumber(attempts) + 1) .. ':' .. token
        if not job.listed then job.listed = true; jobOrder[#jobOrder + 1] = id end
      end
    elseif job.state == 'running' then
      local index = tonumber(task)
      if index >= job.total then
        quarantine(ref, 'task index ' .. task .. ' out of range for job ' .. id)
      else
        local list = pending[id]
        if not list then
          list = {}
          pending[id] = list
        end
        list[#list + 1] = {task, attempts}
      end
    end
  end
end

-- Skip tasks that already have a result (a late completion may have landed after a lease expired).
for id, list in pairs(pending) do
  local fields = {}
  for i, t in ipairs(list) do fields[i] = t[1] end
  local done = redis.call('HMGET', prefix .. id .. ':results', unpack(fields))
  local job = jobs[id]
  for i, t in ipairs(list) do
    if not done[i] then
      leases[#leases + 1] = id .. ':' .. t[1] .. ':' .. (tonumber(t[2]) + 1) .. ':' .. token
      if not job.listed then job.listed = true; jobOrder[#jobOrder + 1] = id end
    end
  end
end
end

-- Dropped refs (of cancelled or ended jobs) do not count against the batch: keep popping, but look at no more
-- than 10,000 refs in one call, so a huge cancelled job is cleared over several calls, not one long one.
local examined = 0
while #leases < want and examined < 10000 do
  local refs = redis.call('LPOP', KEYS[1], want - #leases)
  if not refs then break end
  examined = examined + #refs
  take(refs)
end
local more = 0
if examined >= 10000 and #leases < want and redis.call('LLEN', KEYS[1]) > 0 then
  more = 1
end
if #leases == 0 and quarantined == 0 then
  return {0, 0, more}
end

local args, n = {}, 0
for _, member in ipairs(leases) do
  args[n + 1] = deadline
  args[n + 2] = member
  n = n + 2
  if n >= 4000 then
    redis.call('ZADD', KEYS[2], unpack(args, 1, n))
    n = 0
  end
end
if n > 0 then
  redis.call('ZADD', KEYS[2], unpack(args, 1, n))
end
if quarantined > 0 then
  redis.call('LTRIM', KEYS[3], -tonumber(ARGV[5]), -1)
end

local reply = {#leases}
for _, member in ipairs(leases) do reply[#reply + 1] = member end
reply[#reply + 1] = #jobOrder
for _, id in ipairs(jobOrder) do
  local job = jobs[id]
  reply[#reply + 1] = id
  reply[#reply + 1] = job.kind
  reply[#reply + 1] = job.params
  reply[#reply + 1] = job.total
  reply[#reply + 1] = job.maxAttempts
end
reply[#reply + 1] = more
return reply
