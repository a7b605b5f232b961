--[[
claim-7: lease up to N tasks that this runner can run, moving each atomically from the ready list (or from the
parked set, or the suspects list) to the leases.

KEYS[1]  clock (hash)        scatter:v2:{q}:clock
KEYS[2]  ready list          scatter:v2:{q}:ready
KEYS[3]  parked (zset)       scatter:v2:{q}:parked        member "<kind>|<ref>", score 0
KEYS[4]  leases (zset)       scatter:v2:{q}:leases        member "<id>:<task>:<attempt>:<token>", score = deadline
KEYS[5]  active jobs (hash)  scatter:v2:{q}:active        field id, value "<state>|<startedAt>|<total>|<maxAttempts>|<kind>"
KEYS[6]  malformed list      scatter:v2:{q}:malformed
KEYS[7]  suspects list       scatter:v2:{q}:suspects      refs of tasks whose runner was lost while running them

ARGV[1]  lease (ms)
ARGV[2]  max tasks to lease
ARGV[3]  cap of the malformed list
ARGV[4]  claim token (a few random letters and digits, new for every call)
ARGV[5]  the kinds this runner runs, separated by spaces
ARGV[6]  1 when the runner holds no task (it may take a suspect, which it then runs alone), else 0

Returns  { n, lease_1 .. lease_n, m, (id, kind, total, maxAttempts) x m, more, parked, quarantined, suspects }
         the leases taken; the jobs they belong to, each once; more = 1 when the call stopped at its limit of
         entries looked at with entries left (call again at once); parked = entries set aside this call because
         this runner cannot run their kind; quarantined = entries this call put in the malformed list; suspects =
         suspects left waiting.

A task whose runner was lost while holding it (settle-8 op E) waits in the suspects list: it may be what killed
the runner. A runner that holds nothing takes one suspect alone (its lease token starts with "s", so the runner
knows to run it alone, and settle-8 puts it back among the suspects if it is lost again): if it kills this
runner too, no other task is charged for it; a task that only shared a runner with a poison task is charged once.

A ready entry is a ref "<id>:<task>:<attempts>" (<task> an index, or "r" for the job's reduce; <attempts> the
attempts already charged) or a range "<id>:<from>-<to>:0" of fresh tasks, which submit-6 writes so that a job of
a million tasks is one entry. A range is leased from its front; what is left of it goes back to the head.
The lease member "<id>:<task>:<attempts + 1>:<token>" is new for every claim, so it fences: a runner whose lease
expired and was taken over, or was handed back, holds a member that no longer exists.

Entries of jobs that are no longer active (ended, cancelled, expired) are dropped. Entries of a kind this runner
does not run go to the parked set, where runners that run that kind look first. Entries that are not canonical
(leading zeros, a number too long, an attempt count out of range, an index out of range) are quarantined in the
malformed list with the reason. A call looks at no more than 10,000 entries.
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

-- Cuts text to at most limit bytes, never inside a UTF-8 character.
local function clip(text, limit)
  if #text <= limit then return text end
  local cut = limit
  while cut > 0 and string.byte(text, cut + 1) >= 128 and string.byte(text, cut + 1) < 192 do cut = cut - 1 end
  return string.sub(text, 1, cut) .. '...'
end

local EXAMINE_LIMIT = 10000
local deadline = now + tonumber(ARGV[1])
local want, cap, token = tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
local runs = {}
for kind in string.gmatch(ARGV[5], '%S+') do runs[kind] = true end

local quarantined, parked, examined = 0, 0, 0
local jobs, jobOrder, leases = {}, {}, {}

local function quarantine(entry, reason)
  redis.call('RPUSH', KEYS[6], cjson.encode({entry = clip(entry, 200), reason = reason, at = real}))
  quarantined = quarantined + 1
end

-- A decimal number as scripts write it: no sign, no leading zero, at most 9 digits.
local function canonical(s)
  return s == '0' or (#s <= 9 and string.match(s, '^[1-9]%d*$') ~= nil)
end

-- The job's entry in the active hash, read once per call; false when it is not active.
local function job(id)
  local j = jobs[id]
  if j == nil then
    j = false
    local entry = redis.call('HGET', KEYS[5], id)
    if entry then
      local state, started, total, maxAttempts, kind =
        string.match(entry, '^(%l+)|(%d+)|(%d+)|(%d+)|([%w_.-]+)$')
      if state then
        j = {state = state, started = started, total = tonumber(total), maxAttempts = tonumber(maxAttempts),
             kind = kind}
        if state == 'queued' then
          j.state, j.started = 'running', real
          redis.call('HSET', KEYS[5], id, 'running|' .. real .. '|' .. total .. '|' .. maxAttempts .. '|' .. kind)
        end
      end
    end
    jobs[id] = j
  end
  return j
end

local function lease(id, j, task, attempts)
  leases[#leases + 1] = id .. ':' .. task .. ':' .. (attempts + 1) .. ':' .. token
  if not j.listed then
    j.listed = true
    jobOrder[#jobOrder + 1] = id
  end
end

-- Takes one entry; returns what is left of it (a range's rest) to put back, or nil.
local function take(entry)
  local id, task, attempts = string.match(entry, '^([0-9a-z]+):([0-9r]+):(%d+)$')
  local from, to
  if not id then
    id, from, to = string.match(entry, '^([0-9a-z]+):(%d+)%-(%d+):0$')
    if not id or not canonical(from) or not canonical(to) or tonumber(from) >= tonumber(to) then
      quarantine(entry, 'malformed ref')
      return nil
    end
  elseif not ((task == 'r' or canonical(task)) and canonical(attempts)) then
    quarantine(entry, 'malformed ref')
    return nil
  end
  if #id > 40 then
    quarantine(entry, 'malformed ref')
    return nil
  end
  local j = job(id)
  if not j then
    return nil
  end
  if not runs[j.kind] then
    redis.call('ZADD', KEYS[3], 0, j.kind .. '|' .. entry)
    parked = parked + 1
    return nil
  end
  if task == 'r' then
    if j.state == 'reducing' then
      if tonumber(attempts) >= j.maxAttempts then
        quarantine(entry, 'attempt count out of range')
      else
        lease(id, j, 'r', tonumber(attempts))
      end
    end
    return nil
  end
  if j.state ~= 'running' then
    return nil
  end
  if from then
    local first, last = tonumber(from), tonumber(to)
    if last >= j.total then
      quarantine(entry, 'task index out of range for job ' .. id)
      return nil
    end
    local n = math.min(last - first + 1, want - #leases)
    for index = first, first + n - 1 do
      lease(id, j, index, 0)
    end
    local rest = first + n
    if rest < last then
      return id .. ':' .. rest .. '-' .. last .. ':0'
    elseif rest == last then
      return id .. ':' .. last .. ':0'
    end
    return nil
  end
  if tonumber(task) >= j.total then
    quarantine(entry, 'task index out of range for job ' .. id)
  elseif tonumber(attempts) >= j.maxAttempts then
    quarantine(entry, 'attempt count out of range')
  else
    lease(id, j, task, tonumber(attempts))
  end
  return nil
end

-- Takes the popped entries in order until the batch is full; what is left goes back, in order.
local function takeAll(entries, putBack)
  local rest = {}
  for i, entry in ipairs(entries) do
    if #leases >= want then
      rest[#rest + 1] = entry
    else
      local left = take(entry)
      if left then rest[#rest + 1] = left end
    end
  end
  if #rest > 0 then putBack(rest) end
end

-- A suspect, alone, for a runner that holds nothing.
local solo = ARGV[6] == '1'
local suspects = redis.call('LLEN', KEYS[7])
if solo and suspects > 0 then
  for _ = 1, math.min(suspects, 100) do
    local ref = redis.call('LPOP', KEYS[7])
    if not ref then break end
    local id, task, attempts = string.match(ref, '^([0-9a-z]+):([0-9r]+):(%d+)$')
    if not id or #id > 40 or not ((task == 'r' or canonical(task)) and canonical(attempts)) then
      quarantine(ref, 'malformed ref')
    else
      local j = job(id)
      if j and not runs[j.kind] then
        redis.call('RPUSH', KEYS[7], ref)
      elseif j and ((task == 'r' and j.state == 'reducing') or (task ~= 'r' and j.state == 'running'
          and tonumber(task) < j.total)) and tonumber(attempts) < j.maxAttempts then
        token = 's' .. token
        lease(id, j, task, tonumber(attempts))
        want = 1
        break
      end
    end
  end
end

-- Parked entries first: they have waited longest. The set is empty unless runners of other kinds serve the queue.
if redis.call('ZCARD', KEYS[3]) > 0 then
  for kind in pairs(runs) do
    if #leases >= want or examined >= EXAMINE_LIMIT then break end
    local members = redis.call('ZRANGEBYLEX', KEYS[3], '[' .. kind .. '|', '(' .. kind .. '}', 'LIMIT', 0,
      want - #leases)
    if #members > 0 then
      redis.call('ZREM', KEYS[3], unpack(members))
      examined = examined + #members
      local entries = {}
      for i, member in ipairs(members) do entries[i] = string.sub(member, #kind + 2) end
      takeAll(entries, function(rest)
        for _, entry in ipairs(rest) do redis.call('ZADD', KEYS[3], 0, kind .. '|' .. entry) end
      end)
    end
  end
end

while #leases < want and examined < EXAMINE_LIMIT do
  local entries = redis.call('LPOP', KEYS[2], want - #leases)
  if not entries then break end
  examined = examined + #entries
  takeAll(entries, function(rest)
    for i = #rest, 1, -1 do redis.call('LPUSH', KEYS[2], rest[i]) end
  end)
end

local more = 0
if examined >= EXAMINE_LIMIT and #leases < want and redis.call('LLEN', KEYS[2]) > 0 then
  more = 1
end
if quarantined > 0 then
  redis.call('LTRIM', KEYS[6], -cap, -1)
end

local args, n = {}, 0
for _, member in ipairs(leases) do
  args[n + 1] = deadline
  args[n + 2] = member
  n = n + 2
  if n >= 4000 then
    redis.call('ZADD', KEYS[4], unpack(args, 1, n))
    n = 0
  end
end
if n > 0 then
  redis.call('ZADD', KEYS[4], unpack(args, 1, n))
end

local reply = {#leases}
for _, member in ipairs(leases) do reply[#reply + 1] = member end
reply[#reply + 1] = #jobOrder
for _, id in ipairs(jobOrder) do
  local j = jobs[id]
  reply[#reply + 1] = id
  reply[#reply + 1] = j.kind
  reply[#reply + 1] = j.total
  reply[#reply + 1] = j.maxAttempts
end
reply[#reply + 1] = more
reply[#reply + 1] = parked
reply[#reply + 1] = quarantined
reply[#reply + 1] = redis.call('LLEN', KEYS[7])
return reply
