package dev.scatter.broker;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.UnifiedJedis;

/**
 * Runner presence: each runner writes a small hash at every heartbeat with a TTL of a few heartbeats, so a
 * runner that dies disappears by itself. An index (sorted by last heartbeat) lets {@link #live()} list them;
 * entries whose hash has expired are pruned when listed.
 */
public final class RunnerRegistry {

    private final UnifiedJedis redis;
    private final RedisErrors errors;
    private final Clock clock;

    RunnerRegistry(UnifiedJedis redis, RedisErrors errors, Clock clock) {
        this.redis = redis;
        this.errors = errors;
        this.clock = clock;
    }

    /** Records that a runner is alive; it is forgotten after {@code ttl} without another heartbeat. */
    public void heartbeat(RunnerPresence runner, Duration ttl) {
        long now = clock.millis();
        String key = QueueKeys.Runners.runner(runner.id());
        // One transaction: a runner dying between the writes must not leave a hash that never expires.
        try (AbstractTransaction tx = redis.multi()) {
            tx.hset(key, Map.of(
                    "id", runner.id(),
                    "host", runner.host(),
                    "pid", Long.toString(runner.pid()),
                    "queues", String.join(",", runner.queues()),
                    "threads", Integer.toString(runner.threads()),
                    "inFlight", Integer.toString(runner.inFlight()),
                    "version", runner.version(),
                    "startedAt", Long.toString(runner.startedAt().toEpochMilli()),
                    "lastSeen", Long.toString(now)));
            tx.pexpire(key, ttl.toMillis());
            tx.zadd(QueueKeys.Runners.index(), now, runner.id());
            tx.exec();
        } catch (RuntimeException e) {
            throw errors.translate(e, "recording the presence of runner " + runner.id());
        }
    }

    /** Removes a runner at once, as it shuts down. */
    public void remove(String runnerId) {
        try {
            redis.del(QueueKeys.Runners.runner(runnerId));
            redis.zrem(QueueKeys.Runners.index(), runnerId);
        } catch (RuntimeException e) {
            throw errors.translate(e, "removing runner " + runnerId);
        }
    }

    /** The runners whose heartbeats have not stopped, most recently seen first. */
    public List<RunnerPresence> live() {
        try {
            List<RunnerPresence> live = new ArrayList<>();
            for (String id : redis.zrevrange(QueueKeys.Runners.index(), 0, -1)) {
                Map<String, String> hash = redis.hgetAll(QueueKeys.Runners.runner(id));
                if (hash.isEmpty()) {
                    redis.zrem(QueueKeys.Runners.index(), id);
                    continue;
                }
                String queues = hash.getOrDefault("queues", "");
                live.add(new RunnerPresence(id, hash.get("host"), Replies.longField(hash, "pid"),
                        queues.isEmpty() ? List.of() : Arrays.asList(queues.split(",")),
                        Replies.intField(hash, "threads"), Replies.intField(hash, "inFlight"),
                        hash.get("version"), Replies.instantField(hash, "startedAt"),
                        Replies.instantField(hash, "lastSeen")));
            }
            return live;
        } catch (RuntimeException e) {
            throw errors.translate(e, "listing runners");
        }
    }

}
