package dev.scatter.submit;

import dev.scatter.broker.Broker;
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

    private final LocalStore redis;
    private final List<Runner> runners = new ArrayList<>();

    private LocalCluster(LocalStore redis) {
        this.redis = redis;
    }

    /** Starts an embedded Redis on the given store; the caller connects a Broker to {@link #uri()}. */
    static LocalCluster startRedis(LocalStore store) {
        return new LocalCluster(store);
    }

    /** No embedded Redis: only a local runner, against the given Redis. */
    static LocalCluster withoutRedis() {
        return new LocalCluster(null);
    }

    String uri() {
        return redis.uri();
    }

    int port() {
        return redis.port();
    }

    /** Where the embedded Redis keeps its data, or null when it keeps nothing. */
    java.nio.file.Path storeDir() {
        return redis.dir();
    }

    /**
     * Starts a runner named local-PID on the queue that runs {@code threads} tasks at once: one runner, so that
     * its connections and threads grow with the tasks it runs, not with a runner's fixed share each.
     */
    void startRunners(Broker broker, int threads, String queue, RunnerSettings settings, TaskKinds kinds) {
        runners.add(new Runner(broker, kinds, RunnerConfig.defaults("local-" + ProcessHandle.current().pid(),
                List.of(queue), threads).withSettings(settings)).start());
    }

    @Override
    public void close() {
        runners.parallelStream().forEach(Runner::shutdown);
        if (redis != null) {
            redis.close();
        }
    }
}
