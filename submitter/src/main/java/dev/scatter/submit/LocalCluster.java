package dev.scatter.submit;

import dev.scatter.broker.Broker;
import dev.scatter.localredis.LocalRedisServer;
import dev.scatter.runner.Runner;
import dev.scatter.runner.RunnerConfig;
import dev.scatter.task.RunnerSettings;
import dev.scatter.task.TaskKinds;
import java.util.ArrayList;
import java.util.List;

/**
 * The local mode's machinery: an embedded Redis (a real redis-server on a free port) when no Redis was given,
 * and runners in this process. Closing stops the runners (two-phase, as any runner) and then the Redis.
 */
final class LocalCluster implements AutoCloseable {

    private final LocalRedisServer redis;
    private final List<Runner> runners = new ArrayList<>();

    private LocalCluster(LocalRedisServer redis) {
        this.redis = redis;
    }

    /** Starts an embedded Redis; the caller connects a Broker to {@link #uri()}. */
    static LocalCluster startRedis() {
        return new LocalCluster(LocalRedisServer.builder().build().start());
    }

    /** No embedded Redis: only local runners, against the given Redis. */
    static LocalCluster withoutRedis() {
        return new LocalCluster(null);
    }

    String uri() {
        return redis.uri();
    }

    int port() {
        return redis.port();
    }

    /** Starts {@code count} single-threaded runners named local-1..N on the queue. */
    void startRunners(Broker broker, int count, String queue, RunnerSettings settings, TaskKinds kinds) {
        for (int i = 1; i <= count; i++) {
            runners.add(new Runner(broker, kinds, RunnerConfig.defaults("local-" + i + "-" + ProcessHandle.current().pid(),
                    List.of(queue), 1).withSettings(settings)).start());
        }
    }

    @Override
    public void close() {
        runners.parallelStream().forEach(Runner::shutdown);
        if (redis != null) {
            redis.close();
        }
    }
}
