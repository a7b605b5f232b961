--[[
settle-8: end leases in a batch: complete, fail, expire or release each one, with exactly-once accounting.

KEYS[1]  clock (hash)        scatter:v2:{q}:clock
KEYS[2]  leases (zset)       scatter:v2:{q}:leases
KEYS[3]  ready list          scatter:v2:{q}:ready
KEYS[4]  delayed (zset)      scatter:v2:{q}:delayed       member = ref, score = due time (queue clock)
KEYS[5]  expiring (zset)     scatter:v2:{q}:expiring      job id, score = when its keys expire (Redis time, ms)
KEYS[6]  active jobs (hash)  scatter:v2:{q}:active
KEYS[7]  counters (hash)     scatter:v2:{q}:counters      outstanding, completed
KEYS[8]  suspects list       scatter:v2:{q}:suspects
KEYS[9..]  five keys per job named in ARGV, in the same order: scatter:v2:{q}:job:<id>, its :results, :dead,
           :returns and :tasks

ARGV[1]  wake channel
ARGV[2]  done channel
ARGV[3]  largest result of one task (bytes)
ARGV[4]  largest total of one job's results, its reduced result included (bytes)
ARGV[5]  largest task record (bytes): a record whose result would make it larger is kept without its result
ARGV[6]  largest total of one job's task records (bytes): past it, records are not kept (counted in taskInfoDropped)
ARGV[7]  J, the number of jobs
ARGV[8..7+J]  their ids
ARGV[8+J]     E, the number of entries, followed by 5 arguments per entry: op, lease member, a, b, info
         op C  complete   a = result (JSON)
         op F  fail       a = retry delay (ms), or -1: no retry (quarantine now);  b = error text
         op E  expire     (a lease that recover-7 listed as expired)
         op R  release    (handed back: shutdown, or the runner stopped it itself)
         info  for C and F: what the runner says of the attempt, a JSON object ('{"runner":"r1","ms":52}'), or ''
               for none. A counted completion or a failed attempt the lease still held writes the task's record in
               :tasks (field = task index): state, attempt, at (Redis time, ms), the info's fields and, for C, the
               result when the record stays within ARGV[5]. The record is the task's last settled attempt.

Returns  one code per entry, in order:
          1 COUNTED          result recorded and counted
          2 DUPLICATE        the task already had a result: nothing changed
          3 RETRY_SCHEDULED  put in the delayed set until its due time
          4 DEAD             quarantined in the job's dead set with the reason
          5 REQUEUED         made ready again, with no attempt charged (E among the suspects, R at the head)
          8 SHARD_ENDED      counted, and with it every task of a shard of a sharded job has succeeded: the shard
                             has ended, keeping its results for the job's reduce; the caller tells the job
                             (shard-end-8)
         -1 LEASE_LOST       the lease is no longer held (F, E, R): nothing changed
         -2 JOB_NOT_FOUND    no such job
         -3 JOB_NOT_ACTIVE   the job was cancelled or has ended: the lease is dropped
         -4 MALFORMED        the member cannot be parsed, its job is not among the keys, or the op is unknown
         -5 NOT_EXPIRED      (E) the lease was renewed meanwhile: nothing changed
         -6 ALREADY_DONE     (F, E, R) the task has a result already: the lease is dropped

A completion is counted when its result is first recorded, whether or not its lease is still held: a late
result from a runner presumed dead is the same result, counted once. Only a failure (F) is charged against the
job's maxAttempts. A lease that expired (E: its runner died, or lost Redis for longer than the lease) is
counted in the task's recoveries and goes to the suspects list, from which a runner holding nothing else takes it
alone (claim-7), so that only the task that kills its runners keeps losing them; a hand-back (R) is counted in
its hand-backs. Each has a budget of its own (the job's maxRecoveries; 50 hand-backs), so a task that keeps
killing its runners, or is evicted forever, still ends. A suspect's lease has a token starting with "s"; handed
back, it stays a suspect.
The settlement that accounts for a job's last task queues the job's reduce (no task dead) or ends the job as
failed; the reduce's completion ends it as succeeded and drops the partial results (UNLINK). A shard of a sharded
job (its hash has a "parent") has no reduce of its own: its last task ends it as succeeded with its results kept
until it expires, for the job's reduce to read.
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

local COUNTED, DUPLICATE, RETRY_SCHEDULED, DEAD, REQUEUED, SHARD_ENDED = 1, 2, 3, 4, 5, 8
local LEASE_LOST, JOB_NOT_FOUND, JOB_NOT_ACTIVE, MALFORMED, NOT_EXPIRED, ALREADY_DONE = -1, -2, -3, -4, -5, -6
local MAX_HANDBACKS = 50
local ERROR_LIMIT = 2000

local wake, done = ARGV[1], ARGV[2]
local maxTaskResult, maxJobResults = tonumber(ARGV[3]), tonumber(ARGV[4])
local maxRecord, maxJobRecords = tonumber(ARGV[5]), tonumber(ARGV[6])
local jobCount = tonumber(ARGV[7])
local slots = {}
for k = 1, jobCount do slots[ARGV[7 + k]] = 4 + 5 * k end
local codes = {}
local requeued, outstanding, completed = 0, 0, 0

-- Cuts text to at most limit bytes, never inside a UTF-8 character.
local function clip(text, limit)
  if #text <= limit then return text end
  local cut = limit
  while cut > 0 and string.byte(text, cut + 1) >= 128 and string.byte(text, cut + 1) < 192 do cut = cut - 1 end
  return string.sub(text, 1, cut) .. '...'
end

-- The job, loaded once per call: its keys, its live entry (or terminal state) and its budgets.
local jobs = {}
local function job(id)
  local j = jobs[id]
  if j == nil then
    local slot = slots[id]
    if not slot then return nil end
    j = {id = id, key = KEYS[slot], results = KEYS[slot + 1], dead = KEYS[slot + 2], returns = KEYS[slot + 3],
         tasks = KEYS[slot + 4]}
    local f = redis.call('HMGET', j.key, 'state', 'maxRecoveries', 'ttl', 'total', 'maxAttempts', 'kind', 'parent')
    j.exists = f[1] ~= false
    j.shard = f[7] ~= false
    j.maxRecoveries, j.ttl = tonumber(f[2]) or 0, tonumber(f[3]) or 1
    local entry = redis.call('HGET', KEYS[6], id)
    local state, started, total, maxAttempts, kind
    if entry then
      state, started, total, maxAttempts, kind = string.match(entry, '^(%l+)|(%d+)|(%d+)|(%d+)|([%w_.-]+)$')
    end
    if state then
      j.live, j.state, j.started = true, state, started
      j.total, j.maxAttempts, j.kind = tonumber(total), tonumber(maxAttempts), kind
    else
      j.live, j.state = false, f[1] or 'gone'
    end
    jobs[id] = j
  end
  return j
end

local function setState(j, state)
  j.state = state
  redis.call('HSET', KEYS[6], j.id, state .. '|' .. j.started .. '|' .. j.total .. '|' .. j.maxAttempts .. '|' .. j.kind)
  redis.call('HSET', j.key, 'state', state)
end

-- Ends the job: its terminal state, and its keys expire after the job's TTL.
local function finish(j, state, field, value)
  redis.call('HDEL', KEYS[6], j.id)
  redis.call('HSET', j.key, 'state', state, 'finishedAt', real, field, value)
  if j.started ~= '0' then
    redis.call('HSET', j.key, 'startedAt', j.started)
  end
  if state == 'succeeded' and not j.shard then
    redis.call('UNLINK', j.results, j.returns)
  else
    redis.call('EXPIRE', j.results, j.ttl)
    redis.call('EXPIRE', j.returns, j.ttl)
  end
  redis.call('EXPIRE', j.key, j.ttl)
  redis.call('EXPIRE', j.dead, j.ttl)
  redis.call('EXPIRE', j.tasks, j.ttl)
  redis.call('ZADD', KEYS[5], real + j.ttl * 1000, j.id)
  redis.call('PUBLISH', done, j.id)
  j.state, j.live = state, false
end

-- Called after a job's counters moved: the last task accounted for queues the reduce or fails the job.
local function advance(j)
  if j.state ~= 'running' then return end
  local f = redis.call('HMGET', j.key, 'succeeded', 'failed', 'firstError')
  local succeeded, failed = tonumber(f[1]), tonumber(f[2])
  if succeeded + failed < j.total then return end
  if failed == 0 and j.shard then
    finish(j, 'succeeded', 'result', '')
  elseif failed == 0 then
    setState(j, 'reducing')
    redis.call('HSET', j.key, 'reduceQueuedAt', real)
    redis.call('LPUSH', KEYS[3], j.id .. ':r:0')
    requeued = requeued + 1
    outstanding = outstanding + 1
  else
    finish(j, 'failed', 'error', failed .. ' of ' .. j.total .. ' tasks failed; first: ' .. (f[3] or '?'))
  end
end

local function bury(j, task, attempts, reason, err)
  err = clip(err or '', ERROR_LIMIT)
  redis.call('HSET', j.dead, task, cjson.encode({reason = reason, error = err, attempts = attempts, at = real}))
  redis.call('HSETNX', j.key, 'firstError', clip('task ' .. task .. ' ' .. reason .. ': ' .. err, 300))
  outstanding = outstanding - 1
  if task == 'r' then
    finish(j, 'failed', 'error', clip('the reduce ' .. reason .. ': ' .. err, 300))
  else
    redis.call('HINCRBY', j.key, 'failed', 1)
    advance(j)
  end
end

local function ref(j, task, attempts)
  return j.id .. ':' .. task .. ':' .. attempts
end

-- A task's record: its last settled attempt, as the runner described it (info), with the result when it fits.
local function recordText(state, attempt, info, result)
  local fields = ''
  if info and #info > 2 and #info <= maxRecord and string.byte(info, 1) == 123 and string.byte(info, -1) == 125 then
    fields = ',' .. string.sub(info, 2, -2)
  end
  if result and #fields + #result + 80 <= maxRecord then
    return '{"state":"' .. state .. '","attempt":' .. attempt .. ',"at":' .. real .. fields .. ',"result":' .. result
      .. '}'
  end
  return '{"state":"' .. state .. '","attempt":' .. attempt .. ',"at":' .. real .. fields .. '}'
end

-- Writes records of one job in one HSET: fields and texts, task index then record, in one flat list. The job's
-- records are bounded: the bytes written are counted (a record written again counts again, so the bound is
-- conservative), and past the bound a record is counted in taskInfoDropped, not kept.
local function record(j, entries)
  local total = tonumber(redis.call('HGET', j.key, 'taskInfoBytes')) or 0
  local writes, n, dropped = {}, 0, 0
  for k = 1, #entries, 2 do
    local text = entries[k + 1]
    if total + #text > maxJobRecords then
      dropped = dropped + 1
    else
      total = total + #text
      writes[n + 1], writes[n + 2] = entries[k], text
      n = n + 2
    end
  end
  if n > 0 then
    redis.call('HSET', j.tasks, unpack(writes, 1, n))
    redis.call('HSET', j.key, 'taskInfoBytes', total)
  end
  if dropped > 0 then
    redis.call('HINCRBY', j.key, 'taskInfoDropped', dropped)
  end
end

-- Completions are grouped per job so each job costs a few calls whatever the batch size.
local completions, completionOrder, settledLeases = {}, {}, {}

for e = 0, tonumber(ARGV[8 + jobCount]) - 1 do
  local base = 9 + jobCount + e * 5
  local op, member, a, b, info = ARGV[base], ARGV[base + 1], ARGV[base + 2], ARGV[base + 3], ARGV[base + 4]
  local position = e + 1
  local id, task, attempt, token = string.match(member, '^([0-9a-z]+):([0-9r]+):(%d+):([0-9a-z]+)$')
  local j = id and job(id)
  if not j or not (op == 'C' or op == 'F' or op == 'E' or op == 'R')
      or not (task == 'r' or task == '0' or (#task <= 9 and string.match(task, '^[1-9]%d*$'))) then
    codes[position] = MALFORMED
  elseif op == 'C' then
    settledLeases[#settledLeases + 1] = member
    local list = completions[id]
    if not list then
      list = {}
      completions[id] = list
      completionOrder[#completionOrder + 1] = id
    end
    list[#list + 1] = {position = position, task = task, attempt = tonumber(attempt), result = a, member = member,
                       info = info}
  else
    attempt = tonumber(attempt)
    local held = false
    if op == 'E' then
      local score = redis.call('ZSCORE', KEYS[2], member)
      if score and tonumber(score) > now then
        codes[position] = NOT_EXPIRED
      elseif score then
        held = redis.call('ZREM', KEYS[2], member) == 1
      end
    else
      held = redis.call('ZREM', KEYS[2], member) == 1
    end
    if codes[position] then
      -- NOT_EXPIRED: the lease stays
    elseif not held then
      codes[position] = LEASE_LOST
    elseif not j.exists then
      codes[position] = JOB_NOT_FOUND
    elseif not (j.live and ((task == 'r') == (j.state == 'reducing'))) then
      codes[position] = JOB_NOT_ACTIVE
    elseif task ~= 'r' and redis.call('HEXISTS', j.results, task) == 1 then
      codes[position] = ALREADY_DONE
    elseif op == 'F' then
      if a == '-1' or attempt >= j.maxAttempts then
        record(j, {task, recordText('dead', attempt, info, nil)})
        bury(j, task, attempt, a == '-1' and 'was rejected' or ('failed on attempt ' .. attempt .. ' of '
          .. j.maxAttempts), b)
        codes[position] = DEAD
      else
        redis.call('ZADD', KEYS[4], now + tonumber(a), ref(j, task, attempt))
        redis.call('HINCRBY', j.key, 'retries', 1)
        record(j, {task, recordText('retrying', attempt, info, nil)})
        codes[position] = RETRY_SCHEDULED
      end
    elseif op == 'E' then
      redis.call('HINCRBY', j.key, 'recovered', 1)
      local lost = redis.call('HINCRBY', j.returns, 'lost:' .. task, 1)
      if lost > j.maxRecoveries then
        bury(j, task, attempt - 1, 'lost its runner ' .. lost .. ' times', 'the runner running it died, hung or was '
          .. 'cut off from Redis for longer than its lease, ' .. lost .. ' times (a task that kills its runner?)')
        codes[position] = DEAD
      else
        -- Among the suspects: it runs alone next, so that if it is what kills runners, nothing else pays for it.
        redis.call('RPUSH', KEYS[8], ref(j, task, attempt - 1))
        requeued = requeued + 1
        codes[position] = REQUEUED
      end
    else
      redis.call('HINCRBY', j.key, 'handedBack', 1)
      local back = redis.call('HINCRBY', j.returns, 'back:' .. task, 1)
      if back > MAX_HANDBACKS then
        bury(j, task, attempt - 1, 'was handed back ' .. back .. ' times',
          'its runners stopped it before it could finish, ' .. back .. ' times')
        codes[position] = DEAD
      else
        redis.call('LPUSH', string.sub(token, 1, 1) == 's' and KEYS[8] or KEYS[3], ref(j, task, attempt - 1))
        requeued = requeued + 1
        codes[position] = REQUEUED
      end
    end
  end
end

for _, id in ipairs(completionOrder) do
  local list = completions[id]
  local j = job(id)
  local reduces, tasks = {}, {}
  for _, c in ipairs(list) do
    if c.task == 'r' then reduces[#reduces + 1] = c else tasks[#tasks + 1] = c end
  end
  for _, c in ipairs(reduces) do
    if j.live and j.state == 'reducing' then
      local stored = tonumber(redis.call('HGET', j.key, 'resultBytes')) or 0
      if stored + #c.result > maxJobResults then
        bury(j, 'r', c.attempt, 'was rejected', 'its result is ' .. #c.result .. ' bytes; with the partial results, over '
          .. 'the limit of ' .. maxJobResults .. ' bytes a job')
        codes[c.position] = DEAD
      else
        outstanding = outstanding - 1
        finish(j, 'succeeded', 'result', c.result)
        codes[c.position] = COUNTED
      end
    elseif j.state == 'succeeded' then
      codes[c.position] = DUPLICATE
    elseif not j.exists then
      codes[c.position] = JOB_NOT_FOUND
    else
      codes[c.position] = JOB_NOT_ACTIVE
    end
  end
  if #tasks > 0 then
    if j.live and j.state == 'running' then
      local fields = {}
      for i, c in ipairs(tasks) do fields[i] = c.task end
      local existing = redis.call('HMGET', j.results, unpack(fields))
      local fresh, n, seen, rejected, bytes = {}, 0, {}, {}, 0
      for i, c in ipairs(tasks) do
        if tonumber(c.task) >= j.total then
          codes[c.position] = MALFORMED
        elseif existing[i] or seen[c.task] then
          codes[c.position] = DUPLICATE
        elseif #c.result > maxTaskResult then
          seen[c.task] = true
          c.reason = 'its result is ' .. #c.result .. ' bytes, over the limit of ' .. maxTaskResult .. ' bytes a task'
          rejected[#rejected + 1] = c
        else
          seen[c.task] = true
          fresh[n + 1] = c.task
          fresh[n + 2] = c.result
          n = n + 2
          bytes = bytes + #c.result
          codes[c.position] = COUNTED
          c.fresh = true
        end
      end
      if n > 0 then
        local stored = tonumber(redis.call('HGET', j.key, 'resultBytes')) or 0
        if stored + bytes > maxJobResults then
          for k = 1, n, 2 do
            for _, c in ipairs(tasks) do
              if c.task == fresh[k] and codes[c.position] == COUNTED then
                c.reason = 'the results of its job would pass the limit of ' .. maxJobResults .. ' bytes'
                rejected[#rejected + 1] = c
                codes[c.position] = nil
              end
            end
          end
          n = 0
        end
      end
      if n > 0 then
        redis.call('HSET', j.results, unpack(fresh, 1, n))
        redis.call('HINCRBY', j.key, 'resultBytes', bytes)
        local rescued = 0
        if redis.call('EXISTS', j.dead) == 1 then
          -- A late result for a task already quarantined (its runner was presumed dead) rescues it.
          for k = 1, n, 2 do
            rescued = rescued + redis.call('HDEL', j.dead, fresh[k])
          end
        end
        local records, r = {}, 0
        for _, c in ipairs(tasks) do
          if c.fresh then
            records[r + 1], records[r + 2] = c.task, recordText('succeeded', c.attempt, c.info, c.result)
            r = r + 2
          end
        end
        record(j, records)
        redis.call('HINCRBY', j.key, 'succeeded', n / 2)
        if rescued > 0 then
          redis.call('HINCRBY', j.key, 'failed', -rescued)
        end
        outstanding = outstanding - (n / 2 - rescued)
        completed = completed + n / 2
        advance(j)
        if j.shard and j.state == 'succeeded' then
          for k = #tasks, 1, -1 do
            if codes[tasks[k].position] == COUNTED then
              codes[tasks[k].position] = SHARD_ENDED
              break
            end
          end
        end
      end
      -- A result refused for its size ends its attempt as a permanent failure would: only while its lease is held
      -- (a repeated call, or a late copy, finds it gone and changes nothing).
      for _, c in ipairs(rejected) do
        if not (j.live and j.state == 'running') then
          codes[c.position] = JOB_NOT_ACTIVE
        elseif not redis.call('ZSCORE', KEYS[2], c.member) then
          codes[c.position] = LEASE_LOST
        else
          bury(j, c.task, c.attempt, 'was rejected', c.reason)
          codes[c.position] = DEAD
        end
      end
    elseif j.live and j.state == 'reducing' or j.state == 'succeeded' then
      for _, c in ipairs(tasks) do codes[c.position] = DUPLICATE end
    elseif not j.exists then
      for _, c in ipairs(tasks) do codes[c.position] = JOB_NOT_FOUND end
    else
      for _, c in ipairs(tasks) do codes[c.position] = JOB_NOT_ACTIVE end
    end
  end
end

local n = #settledLeases
for i = 1, n, 4000 do
  redis.call('ZREM', KEYS[2], unpack(settledLeases, i, math.min(i + 3999, n)))
end
if outstanding ~= 0 then
  redis.call('HINCRBY', KEYS[7], 'outstanding', outstanding)
end
if completed > 0 then
  redis.call('HINCRBY', KEYS[7], 'completed', completed)
end
if requeued > 0 then
  redis.call('PUBLISH', wake, 'ready')
end
return codes
