package dev.scatter.runner;

import dev.scatter.broker.Broker;
import dev.scatter.broker.ClaimedTask;
import dev.scatter.broker.JobSpec;
import dev.scatter.broker.testing.RedisFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Test helpers for one runner role at a time: a config, and tasks claimed for real and held as a runner holds them. */
final class Roles {

    static final Duration LEASE = Duration.ofSeconds(30);

    private Roles() {
    }

    static RunnerConfig config(RedisFixture redis, Duration lease) {
        return new RunnerConfig("role-test", List.of(redis.queue()), 2, lease, Duration.ofSeconds(5),
                Duration.ofSeconds(1), Duration.ofSeconds(5), RunnerConfig.DEFAULT_TASK_TIMEOUT);
    }

    /** Submits a noop job of {@code tasks} tasks and claims them all into {@code holdings}. */
    static List<Work> hold(Broker broker, RedisFixture redis, Holdings holdings, int tasks, Duration lease) {
        broker.submit(JobSpec.of("noop", "{}", tasks).withQueue(redis.queue()));
        long sentAt = System.nanoTime();
        List<Work> works = new ArrayList<>();
        for (ClaimedTask task : broker.queue(redis.queue()).claim(tasks, lease, "noop")) {
            works.add(holdings.add(task, sentAt));
        }
        return works;
    }

    static OutageLog outage(Broker broker, Runnable onBack) {
        return new OutageLog(broker.uri().address(), broker::memoryReport, onBack);
    }
}
