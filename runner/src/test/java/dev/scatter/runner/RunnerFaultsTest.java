package dev.scatter.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scatter.broker.Broker;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobState;
import dev.scatter.broker.JobStatus;
import dev.scatter.broker.testing.DedicatedRedis;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runners in separate JVMs, as on separate hosts, killed and terminated mid-job. The pi count of a fixed seed
 * must come out exactly as in a fault-free run: every task counted once, whatever happened.
 */
@ExtendWith(RealRedis.class)
class RunnerFaultsTest {

    private static final long SEED = 20261121;

    @Test
    void aRunnerKilledMidJobIsReplacedAndTheCountIsExact(RedisFixture redis) throws Exception {
        long samples = 3_000_000_000L;
        int tasks = 60;
        long expected = PiJobs.expectedInside(samples, tasks, SEED);
        try (Broker broker = Broker.connect(redis.uri());
             RunnerProcess survivor = RunnerProcess.start(redis.uri(), "--queue", redis.queue(), "--threads", "1",
                     "--lease", "2s", "--name", "survivor");
             RunnerProcess victim = RunnerProcess.start(redis.uri(), "--queue", redis.queue(), "--threads", "1",
                     "--lease", "2s", "--name", "victim")) {
            JobId id = PiJobs.submit(broker, redis.queue(), samples, tasks, SEED);
            await().atMost(Duration.ofSeconds(60)).until(() -> broker.status(id).orElseThrow().succeeded() >= 5);

            victim.kill();
            try (RunnerProcess replacement = RunnerProcess.start(redis.uri(), "--queue", redis.queue(), "--threads", "1",
                    "--lease", "2s", "--name", "replacement")) {
                await().atMost(Duration.ofMinutes(3)).until(() -> broker.status(id).orElseThrow().state().isTerminal());
                JobStatus status = broker.status(id).orElseThrow();
                assertThat(status.state()).as(survivor.log()).isEqualTo(JobState.SUCCEEDED);
                assertThat(PiJobs.inside(status)).isEqualTo(expected);
                assertThat(status.succeeded()).isEqualTo(tasks);
                assertThat(status.recovered()).as("the victim's leases were taken back").isPositive();
                assertThat(status.retries() + status.failed()).as("a runner's death charges no attempt").isZero();
            }
        }
    }

    @Test
    void sigtermDrainsHandsBackAtOnceAndExitsZero(RedisFixture redis) throws Exception {
        // Tasks of about a second; a lease of a minute, so a pickup within seconds can only come from the hand-back.
        long samples = 20L * 400_000_000L;
        int tasks = 20;
        long expected = PiJobs.expectedInside(samples, tasks, SEED);
        try (Broker broker = Broker.connect(redis.uri());
             RunnerProcess busy = RunnerProcess.start(redis.uri(), "--queue", redis.queue(), "--threads", "2",
                     "--lease", "60s", "--drain", "1s", "--name", "busy")) {
            JobId id = PiJobs.submit(broker, redis.queue(), samples, tasks, SEED);
            await().atMost(Duration.ofSeconds(30)).until(() -> broker.queue(redis.queue()).backlog().inFlight() >= 2);

            long started = System.nanoTime();
            int exit = busy.terminate(15);
            double stopSeconds = (System.nanoTime() - started) / 1e9;
            assertThat(exit).as(busy.log()).isZero();
            assertThat(stopSeconds).as("stopped within the drain deadline plus hand-back").isLessThan(10);
            assertThat(broker.queue(redis.queue()).backlog().inFlight()).as("nothing left leased").isZero();

            try (RunnerProcess other = RunnerProcess.start(redis.uri(), "--queue", redis.queue(), "--threads", "2",
                    "--lease", "60s", "--name", "other")) {
                await().atMost(Duration.ofSeconds(120)).until(() -> broker.status(id).orElseThrow().state().isTerminal());
                JobStatus status = broker.status(id).orElseThrow();
                assertThat(status.state()).isEqualTo(JobState.SUCCEEDED);
                assertThat(status.recovered()).as("no lease had to expire").isZero();
                assertThat(PiJobs.inside(status)).isEqualTo(expected);
            }
        }
    }

    @Test
    void runnersRideOutARedisRestartAndLoseNothing(@DedicatedRedis RedisFixture redis) throws Exception {
        long samples = 2_000_000_000L;
        int tasks = 80;
        long expected = PiJobs.expectedInside(samples, tasks, SEED);
        JobId id;
        try (RunnerProcess a = RunnerProcess.start(redis.uri(), "--queue", redis.queue(), "--threads", "1",
                "--lease", "3s", "--name", "a");
             RunnerProcess b = RunnerProcess.start(redis.uri(), "--queue", redis.queue(), "--threads", "1",
                     "--lease", "3s", "--name", "b")) {
            try (Broker broker = Broker.connect(redis.uri())) {
                id = PiJobs.submit(broker, redis.queue(), samples, tasks, SEED);
                await().atMost(Duration.ofSeconds(60)).until(() -> broker.status(id).orElseThrow().succeeded() >= 10);
            }
            redis.server().kill();
            Thread.sleep(4_000); // an outage longer than the lease (the outage's length is the point of the test)
            redis.server().start();
            try (Broker broker = Broker.connect(redis.uri())) {
                await().atMost(Duration.ofMinutes(3)).until(() -> broker.status(id).orElseThrow().state().isTerminal());
                JobStatus status = broker.status(id).orElseThrow();
                assertThat(status.state()).as(a.log()).isEqualTo(JobState.SUCCEEDED);
                assertThat(PiJobs.inside(status)).isEqualTo(expected);
                assertThat(a.isAlive()).isTrue();
                assertThat(b.isAlive()).isTrue();
                assertThat(a.log()).contains("unavailable").contains("available again");
                assertThat(status.recovered()).as("no lease expired: the queue's clock stood still\n--- a:\n%s\n--- b:\n%s",
                        a.log(), b.log()).isZero();
                assertThat(status.retries() + status.failed()).as("an outage charges no attempt").isZero();
            }
        }
    }
}
