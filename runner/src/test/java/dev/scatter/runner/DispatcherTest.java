package dev.scatter.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scatter.broker.Broker;
import dev.scatter.broker.JobSpec;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import dev.scatter.task.TaskKinds;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dispatcher alone, against a real Redis: what it claims and hands to the workers. The workers here only
 * collect what they are given (nothing runs), so what the dispatcher holds stays held.
 */
@ExtendWith(RealRedis.class)
class DispatcherTest {

    @Test
    void itClaimsNoMoreThanItsThreadsCanRun(RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri())) {
            broker.submit(JobSpec.of("noop", "{}", 10).withQueue(redis.queue()));
            Fixture fixture = new Fixture(broker, redis, List.of("noop"));
            Thread thread = fixture.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> fixture.handedOver.size() == 2);
            assertThat(fixture.holdings.size()).as("2 threads, no task seen yet to time: no prefetch").isEqualTo(2);
            assertThat(broker.queue(redis.queue()).backlog().inFlight()).isEqualTo(2);
            assertThat(broker.queue(redis.queue()).backlog().ready()).as("the rest wait for room").isEqualTo(8);
            fixture.stop(thread);
        }
    }

    @Test
    void tasksOfAKindItDoesNotRunAreSetAsideNotClaimed(RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri())) {
            broker.submit(JobSpec.of("pi", "{\"samples\": 100, \"seed\": 1}", 3).withQueue(redis.queue()));
            Fixture fixture = new Fixture(broker, redis, List.of("noop"));
            Thread thread = fixture.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> broker.queue(redis.queue()).backlog().parked() == 1);
            assertThat(fixture.handedOver).isEmpty();
            assertThat(broker.queue(redis.queue()).backlog().inFlight()).isZero();
            fixture.stop(thread);
        }
    }

    @Test
    void onceQuietItClaimsNothingMore(RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri())) {
            Fixture fixture = new Fixture(broker, redis, List.of("noop"));
            Thread thread = fixture.start();
            fixture.stop(thread);

            broker.submit(JobSpec.of("noop", "{}", 3).withQueue(redis.queue()));
            assertThat(fixture.handedOver).isEmpty();
            assertThat(broker.queue(redis.queue()).backlog().ready()).isEqualTo(3);
        }
    }

    /** A dispatcher of two threads on the fixture's queue, whose workers only collect what they are given. */
    private static final class Fixture {

        final Holdings holdings = new Holdings();
        final List<Runnable> handedOver = new CopyOnWriteArrayList<>();
        final Dispatcher dispatcher;

        Fixture(Broker broker, RedisFixture redis, List<String> runnable) {
            RunnerConfig config = Roles.config(redis, Roles.LEASE);
            OutageLog outage = Roles.outage(broker, () -> { });
            RunnerMetrics metrics = RunnerMetrics.inMemory();
            TaskDurations durations = new TaskDurations();
            Settler settler = new Settler(broker, holdings, outage, metrics);
            TaskRunner taskRunner = new TaskRunner(broker, TaskKinds.load(getClass().getClassLoader()), settler,
                    holdings, durations, config.name(), config.taskTimeout(), metrics);
            dispatcher = new Dispatcher(broker, config, holdings, durations, new CollectingExecutor(handedOver),
                    taskRunner, new WakeSignal(), outage, metrics, runnable);
        }

        Thread start() {
            Thread thread = new Thread(dispatcher, "test-dispatcher");
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        void stop(Thread thread) {
            dispatcher.quiet();
            await().atMost(Duration.ofSeconds(10)).until(() -> !thread.isAlive());
        }
    }

    /** Workers that run nothing: they keep what they are given. */
    private static final class CollectingExecutor extends AbstractExecutorService {

        private final List<Runnable> collected;

        CollectingExecutor(List<Runnable> collected) {
            this.collected = collected;
        }

        @Override
        public void execute(Runnable command) {
            collected.add(command);
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
