package dev.scatter.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scatter.broker.Broker;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobSpec;
import dev.scatter.broker.JobState;
import dev.scatter.broker.JobStatus;
import dev.scatter.broker.ShardQueues;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import dev.scatter.task.TaskKinds;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A sharded job run by runners that were told only of its queue: they find its shard queues, run every task as
 * the job's task of that index (so a pi job gives, to the last sample, what the same job unsharded gives), and
 * reduce once.
 */
@ExtendWith(RealRedis.class)
class ShardedJobRunTest {

    @Test
    void aRunnerKilledMidShardIsReplacedAndTheShardedCountIsExact(RedisFixture redis) throws Exception {
        long samples = 2_000_000_000L;
        int tasks = 40;
        long seed = 5;
        try (Broker broker = Broker.connect(redis.uri());
             RunnerProcess victim = RunnerProcess.start(redis.uri(), "--queue", redis.queue(), "--threads", "1",
                     "--lease", "2s", "--name", "victim")) {
            JobId id = broker.submit(JobSpec.of("pi", "{\"samples\":" + samples + ",\"seed\":" + seed + "}", tasks)
                    .withQueue(redis.queue()).withShards(4).withMaxAttempts(10));
            // Killed while it holds leases on the shard queues: alone, every lease held is its (with a second runner,
            // that one may have claimed what was ready, leaving the victim with nothing to lose).
            await().atMost(Duration.ofSeconds(60)).until(() -> broker.status(id).orElseThrow().succeeded() >= 3
                    && broker.backlog(redis.queue()).inFlight() >= 1);

            victim.kill();
            try (RunnerProcess replacement = RunnerProcess.start(redis.uri(), "--queue", redis.queue(), "--threads", "1",
                    "--lease", "2s", "--name", "replacement")) {
                await().atMost(Duration.ofMinutes(3)).until(() -> broker.status(id).orElseThrow().state().isTerminal());
                JobStatus status = broker.status(id).orElseThrow();
                assertThat(status.state()).as(replacement.log()).isEqualTo(JobState.SUCCEEDED);
                assertThat(PiJobs.inside(status)).isEqualTo(PiJobs.expectedInside(samples, tasks, seed));
                assertThat(status.succeeded()).isEqualTo(tasks);
                assertThat(status.recovered()).as("the victim's leases on the shard queues were taken back\n" + victim.log()).isPositive();
                assertThat(status.retries() + status.failed()).as("a runner's death charges no attempt").isZero();
            }
        }
    }

    @Test
    void runnersOfAQueueRunItsShardedJobToTheResultOfTheSameJobUnsharded(RedisFixture redis) throws Exception {
        long samples = 24_000_000L;
        int tasks = 24;
        long seed = 11;
        RunnerConfig config = new RunnerConfig("shards-test", List.of(redis.queue()), 2, Duration.ofSeconds(30),
                Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(5), RunnerConfig.DEFAULT_TASK_TIMEOUT);
        try (Broker broker = Broker.connect(redis.uri())) {
            Runner runner = new Runner(broker, TaskKinds.load(getClass().getClassLoader()), config).start();
            try {
                JobId id = broker.submit(JobSpec.of("pi", "{\"samples\":" + samples + ",\"seed\":" + seed + "}", tasks)
                        .withQueue(redis.queue()).withShards(4));
                await().atMost(Duration.ofMinutes(2)).until(() -> broker.status(id).orElseThrow().state().isTerminal());
                JobStatus status = broker.status(id).orElseThrow();
                assertThat(status.state()).as(String.valueOf(status.error())).isEqualTo(JobState.SUCCEEDED);
                assertThat(status.succeeded()).isEqualTo(tasks);
                assertThat(PiJobs.inside(status)).isEqualTo(PiJobs.expectedInside(samples, tasks, seed));
                for (String queue : ShardQueues.names(redis.queue(), 4)) {
                    assertThat(broker.status(new JobId(queue, id.id())).orElseThrow().succeeded())
                            .as("shard %s ran its share", queue).isEqualTo(tasks / 4);
                }
                await("the shards' partial results dropped after the reduce").atMost(Duration.ofSeconds(10))
                        .until(() -> broker.partialResults(id, tasks).isEmpty());
            } finally {
                runner.shutdown();
            }
        }
    }
}
