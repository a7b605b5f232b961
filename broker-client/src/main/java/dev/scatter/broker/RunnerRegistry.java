package dev.scatter.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Runner presence: each runner writes a small hash at every heartbeat with a TTL of a few heartbeats, so a
 * runner that dies disappears by itself. An index (sorted by last heartbeat, by Redis's clock) lets
 * {@link #live()} list them; beat-2 drops index entries of runners long gone, so the index stays bounded.
 */
public final class RunnerRegistry {

    private final UnifiedJedis redis;
    private final ScriptExecutor scripts;
    private final RedisErrors errors;

    RunnerRegistry(UnifiedJedis redis, ScriptExecutor scripts, RedisErrors errors) {
        this.redis = redis;
        this.scripts = scripts;
        this.errors = errors;
    }

    /** Records that a runner is alive; it is forgotten after {@code ttl} without another heartbeat. */
    public void heartbeat(RunnerPresence runner, Duration ttl) {
        List<String> args = new ArrayList<>(List.of(runner.id(), Long.toString(ttl.toMillis()),
                "id", runner.id(),
                "host", runner.host(),
                "pid", Long.toString(runner.pid()),
                "queues", String.join(",", runner.queues()),
                "kinds", String.join(",", runner.kinds()),
                "threads", Integer.toString(runner.threads()),
                "inFlight", Integer.toString(runner.inFlight()),
                "version", runner.version(),
                "startedAt", Long.toString(runner.startedAt().toEpochMilli())));
        scripts.run(LuaScript.BEAT, List.of(QueueKeys.Runners.runner(runner.id()), QueueKeys.Runners.index()), args);
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

    /** The runners whose heartbeats have not stopped, most recently seen first, read in one pipelined round trip. */
    public List<RunnerPresence> live() {
        try {
            List<String> ids = redis.zrevrange(QueueKeys.Runners.index(), 0, -1);
            List<Response<Map<String, String>>> hashes = new ArrayList<>(ids.size());
            try (AbstractPipeline pipeline = redis.pipelined()) {
                for (String id : ids) {
                    hashes.add(pipeline.hgetAll(QueueKeys.Runners.runner(id)));
                }
                pipeline.sync();
            }
            List<RunnerPresence> live = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                Map<String, String> hash = hashes.get(i).get();
                if (!hash.isEmpty()) {
                    live.add(new RunnerPresence(ids.get(i), hash.get("host"), Replies.longField(hash, "pid"),
                            list(hash.get("queues")), list(hash.get("kinds")), Replies.intField(hash, "threads"),
                            Replies.intField(hash, "inFlight"), hash.get("version"),
                            Replies.instantField(hash, "startedAt"), Replies.instantField(hash, "lastSeen")));
                }
            }
            return live;
        } catch (RuntimeException e) {
            throw errors.translate(e, "listing runners");
        }
    }

    private static List<String> list(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
