--[[
settle-4: end leases in a batch: complete, fail, expire or release each one, with exactly-once accounting.

KEYS[1]  leases (zset)       scatter:v1:{q}:leases
KEYS[2]  ready list          scatter:v1:{q}:ready
KEYS[3]  delayed (zset)      scatter:v1:{q}:delayed
KEYS[4]  expiring (zset)     scatter:v1:{q}:expiring      job id, score = when its keys expire (ms)

ARGV[1]  job key prefix      scatter:v1:{q}:job:
ARGV[2]  now (ms)
ARGV[3]  wake channel
ARGV[4]  done channel
ARGV[5]  number of entries, followed by 4 arguments per entry: op, lease member, a, b
         op C  complete   a = result (JSON)          b unused
         op F  fail       a = retry due time (ms),   b = error text;  a = -1 means no retry (quarantine now)
         op E  expire     a, b unused   (a lease found expired by recover-6)
         op R  release    a, b unused   (handed back on shutdown; the attempt is not counted)

Returns  one code per entry, in order:
          1  COUNTED          result recorded and counted
          2  DUPLICATE        the task already had a result: nothing changed
          3  RETRY_SCHEDULED  put in the delayed set until its due time
          4  DEAD             quarantined in the job's dead set with the error
          5  REQUEUED         put back at the head of the ready list
         -1  LEASE_LOST       the lease is no longer held (F, E, R): nothing changed
         -2  JOB_NOT_FOUND
         -3  JOB_NOT_ACTIVE   the job was cancelled or has ended: the lease is dropped
         -4  MALFORMED        the lease member cannot be parsed, or the op is unknown: nothing changed
         -5  NOT_EXPIRED      (E) the lease was renewed meanwhile: nothing changed
         -6  ALREADY_DONE     (F, E, R) the task has a result already: the lease is dropped

A completion is counted when its result is first recorded (HSETNX semantics), whether or not its lease is
still held: a late result from a runner presumed dead is the same result and is counted once. The settlement
that accounts for a job's last task either queues the job's reduce (no task dead) or ends the job as failed.
The reduce's completion ends the job as succeeded, stores its result and drops the partial results (UNLINK:
freeing a hash of a million fields must not stall Redis). An ended job is entered in the expiring index, so
that recover-6 can drop it from the jobs index once its keys have expired.
]]
local prefix, now, wake, done = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local count = tonumber(ARGV[5])
local codes = {}
local requeued = 0

local function jobKey(id) return prefix .. id end

-- Ends the job: sets its terminal state, and lets its keys expire after the job's TTL.
local function finish(id, state, extraField, extraValue)
  local key = jobKey(id)
  if extraField then
    redis.call('HSET', key, 'state', state, 'finishedAt', now, extraField, extraValue)
  else
    redis.call('HSET', key, 'state', state, 'finishedAt', now)
  end
  local ttl = tonumber(redis.call('HGET', key, 'ttl'))
  if state == 'succeeded' then
    redis.call('UNLINK', key .. ':results')
  else
    redis.call('EXPIRE', key .. ':results', ttl)
  end
  redis.call('EXPIRE', key, ttl)
  redis.call('EXPIRE', key .. ':dead', ttl)
  redis.call('ZADD', KEYS[4], tonumber(now) + ttl * 1000, id)
  redis.call('PUBLISH', done, id)
end

-- Called after a job's counters moved: the last task accounted for queues the reduce or fails the job.
local function advance(id)
  local f = redis.call('HMGET', jobKey(id), 'state', 'total', 'succeeded', 'failed')
  if f[1] ~= 'running' then return end
  local total, succeeded, failed = tonumber(f[2]), tonumber(f[3]), tonumber(f[4])
  if succeeded + failed < total then return end
  if failed == 0 then
    redis.call('HSET', jobKey(id), 'state', 'reducing', 'reduceQueuedAt', now)
    redis.call('LPUSH', KEYS[2], id .. ':r:0')
    requeued = requeued + 1
  else
    finish(id, 'failed', 'error', failed .. ' of ' .. total .. ' tasks failed')
  end
end

local function bury(id, task, attempts, reason, err)
  redis.call('HSET', jobKey(id) .. ':dead', task, cjson.encode(
    {reason = reason, error = err, attempts = attempts, at = tonumber(now)}))
  if task == 'r' then
    finish(id, 'failed', 'error', 'reduce failed: ' .. err)
  else
    redis.call('HINCRBY', jobKey(id), 'failed', 1)
    advance(id)
  end
end

-- The job's state and max attempts, looked up once per job per call.
local jobs = {}
local function job(id)
  local j = jobs[id]
  if j == nil then
    local f = redis.call('HMGET', jobKey(id), 'state', 'maxAttempts', 'failed')
    if f[1] then
      j = {state = f[1], maxAttempts = tonumber(f[2]), failed = tonumber(f[3])}
    else
      j = false
    end
    jobs[id] = j
  end
  return j
end

-- Whether the job takes settlements for this task: tasks while running, the reduce while reducing.
local function accepts(j, task)
  if task == 'r' then return j.state == 'reducing' end
  return j.state == 'running' or j.state == 'queued'
end

-- Completions are grouped per job so each job costs a few calls whatever the batch size.
local completions = {}   -- id -> { {position, task, result}, ... }
local completionOrder = {}
local settledLeases = {}

for e = 0, count - 1 do
  local base = 6 + e * 4
  local op, member, a, b = ARGV[base], ARGV[base + 1], ARGV[base + 2], ARGV[base + 3]
  local position = e + 1
  local id, task, attempt = string.match(member, '^(%w+):(%w+):(%d+):%w+$')
  if not id or not (task == 'r' or string.match(task, '^%d+$'))
      or not (op == 'C' or op == 'F' or op == 'E' or op == 'R') then
    codes[position] = -4
  elseif op == 'C' then
    settledLeases[#settledLeases + 1] = member
    local list = completions[id]
    if not list then
      list = {}
      completions[id] = list
      completionOrder[#completionOrder + 1] = id
    end
    list[#list + 1] = {position, task, a}
  else
    local j = job(id)
    attempt = tonumber(attempt)
    local held = false
    if op == 'E' then
      local score = redis.call('ZSCORE', KEYS[1], member)
      if score and tonumber(score) > tonumber(now) then
        codes[position] = -5
      elseif score then
        held = redis.call('ZREM', KEYS[1], member) == 1
      end
    else
      held = redis.call('ZREM', KEYS[1], member) == 1
    end
    if codes[position] then
      -- NOT_EXPIRED: leave the lease alone
    elseif not held then
      codes[position] = -1
    elseif not j then
      codes[position] = -2
    elseif not accepts(j, task) then
      codes[position] = -3
    elseif task ~= 'r' and redis.call('HEXISTS', jobKey(id) .. ':results', task) == 1 then
      codes[position] = -6
    elseif op == 'R' then
      redis.call('LPUSH', KEYS[2], id .. ':' .. task .. ':' .. math.max(attempt - 1, 0))
      requeued = requeued + 1
      codes[position] = 5
    elseif op == 'E' then
      redis.call('HINCRBY', jobKey(id), 'recovered', 1)
      if attempt >= j.maxAttempts then
        bury(id, task, attempt, 'lease expired', 'the runner stopped renewing its lease (lost, killed or hung) on '
          .. attempt .. ' of ' .. j.maxAttempts .. ' attempts')
        codes[position] = 4
      else
        redis.call('LPUSH', KEYS[2], id .. ':' .. task .. ':' .. attempt)
        requeued = requeued + 1
        codes[position] = 5
      end
    elseif op == 'F' then
      if a == '-1' or attempt >= j.maxAttempts then
        bury(id, task, attempt, a == '-1' and 'rejected' or 'failed', b)
        codes[position] = 4
      else
        redis.call('ZADD', KEYS[3], a, id .. ':' .. task .. ':' .. attempt)
        redis.call('HINCRBY', jobKey(id), 'retries', 1)
        codes[position] = 3
      end
    end
    -- bury() may end the job: look it up afresh for later entries.
    jobs[id] = nil
  end
end

for _, id in ipairs(completionOrder) do
  local list = completions[id]
  local j = job(id)
  if not j then
    for _, c in ipairs(list) do codes[c[1]] = -2 end
  else
    local reduces, tasks = {}, {}
    for _, c in ipairs(list) do
      if c[2] == 'r' then reduces[#reduces + 1] = c else tasks[#tasks + 1] = c end
    end
    for _, c in ipairs(reduces) do
      if j.state == 'reducing' then
        finish(id, 'succeeded', 'result', c[3])
        j.state = 'succeeded'
        codes[c[1]] = 1
      elseif j.state == 'succeeded' then
        codes[c[1]] = 2
      else
        codes[c[1]] = -3
      end
    end
    if #tasks > 0 then
      if j.state == 'running' or j.state == 'queued' then
        local fields = {}
        for i, c in ipairs(tasks) do fields[i] = c[2] end
        local existing = redis.call('HMGET', jobKey(id) .. ':results', unpack(fields))
        local fresh, n, seen = {}, 0, {}
        for i, c in ipairs(tasks) do
          if existing[i] or seen[c[2]] then
            codes[c[1]] = 2
          else
            seen[c[2]] = true
            fresh[n + 1] = c[2]
            fresh[n + 2] = c[3]
            n = n + 2
            codes[c[1]] = 1
          end
        end
        if n > 0 then
          redis.call('HSET', jobKey(id) .. ':results', unpack(fresh, 1, n))
          local rescued = 0
          if j.failed > 0 then
            -- A late result for a task already quarantined (its runner was presumed dead) rescues it.
            for k = 1, n, 2 do
              rescued = rescued + redis.call('HDEL', jobKey(id) .. ':dead', fresh[k])
            end
          end
          redis.call('HINCRBY', jobKey(id), 'succeeded', n / 2)
          if rescued > 0 then
            redis.call('HINCRBY', jobKey(id), 'failed', -rescued)
          end
          advance(id)
        end
      elseif j.state == 'reducing' or j.state == 'succeeded' then
        for _, c in ipairs(tasks) do codes[c[1]] = 2 end
      else
        for _, c in ipairs(tasks) do codes[c[1]] = -3 end
      end
    end
  end
end

local n = #settledLeases
for i = 1, n, 4000 do
  redis.call('ZREM', KEYS[1], unpack(settledLeases, i, math.min(i + 3999, n)))
end
if requeued > 0 then
  redis.call('PUBLISH', wake, 'ready')
end
return codes
