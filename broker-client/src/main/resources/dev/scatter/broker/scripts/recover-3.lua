--[[
recover-3: move retries whose back-off has passed to the ready list, and list expired leases.

KEYS[1]  delayed (zset)      scatter:v1:{q}:delayed       member = ref, score = due time ms
KEYS[2]  ready list          scatter:v1:{q}:ready
KEYS[3]  leases (zset)       scatter:v1:{q}:leases

ARGV[1]  now (ms)
ARGV[2]  max entries to move, and max expired leases to list
ARGV[3]  wake channel

Returns  { promoted, expired_1 .. expired_k }
         The expired leases are only listed: the caller settles each with op E of settle-3, which checks again
         that it is still expired, so a runner that renewed in between keeps its lease. Any client may call
         this; there is no single reaper to lose.

Promoted refs go to the head of the ready list: they are older work than what waits behind them.
]]
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
if #due > 0 then
  redis.call('ZREM', KEYS[1], unpack(due))
  redis.call('LPUSH', KEYS[2], unpack(due))
  redis.call('PUBLISH', ARGV[3], 'retry')
end
local reply = {#due}
local expired = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
for _, member in ipairs(expired) do
  reply[#reply + 1] = member
end
return reply
