--[[
beat-2: record that a runner is alive (its heartbeat), and forget runners whose heartbeats stopped long ago.

KEYS[1]  runner hash         scatter:v2:{runners}:runner:<id>
KEYS[2]  runners index       scatter:v2:{runners}:index     member = runner id, score = last heartbeat (Redis time)

ARGV[1]  runner id
ARGV[2]  TTL of the runner hash (ms): a few heartbeats
ARGV[3..] field, value, ... describing the runner (host, pid, queues, threads, inFlight, kinds, version, ...)

Returns  1

The hash gets lastSeen from Redis's clock, so a host whose clock is wrong neither hides itself nor hides others.
Index entries older than ten of the caller's TTLs belong to runners that died without saying so: they go here, so
the index stays bounded whether or not anyone lists runners.
]]
if redis.replicate_commands then redis.replicate_commands() end
local time = redis.call('TIME')
local real = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local ttl = tonumber(ARGV[2])

redis.call('DEL', KEYS[1])
local fields = {}
for i = 3, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', KEYS[1], 'lastSeen', real, unpack(fields))
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('ZADD', KEYS[2], real, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', real - 10 * ttl)
return 1
