package dev.scatter.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scatter.broker.Broker;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobState;
import dev.scatter.broker.JobStatus;
import dev.scatter.broker.testing.SentinelRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A runner and a client on a Sentinel-managed Redis (a master, a replica, three sentinels) whose master is
 * SIGKILLed mid-job: both follow the promoted replica without a restart, and the pi count of a fixed seed comes
 * out exactly as in a fault-free run, whether or not writes waited for the replica. The old master comes back
 * as a replica of the new one.
 */
@Tag("ha")
class SentinelFailoverTest {

    private static final long SEED = 20261129;

    @ParameterizedTest(name = "min replicas {0}")
    @ValueSource(ints = {0, 1})
    void aJobOutlivesItsMastersDeath(int minReplicas) throws Exception {
        long samples = 1_200_000_000L;
        int tasks = 60;
        long expected = PiJobs.expectedInside(samples, tasks, SEED);
        String queue = "failover" + minReplicas;
        try (SentinelRedis redis = new SentinelRedis();
             Broker broker = Broker.connect(redis.uri())) {
            List<String> args = new ArrayList<>(List.of("--queue", queue, "--threads", "2", "--lease", "3s",
                    "--name", "r" + minReplicas));
            if (minReplicas > 0) {
                args.addAll(List.of("--min-replicas", Integer.toString(minReplicas)));
            }
            try (RunnerProcess runner = RunnerProcess.start(redis.uri(), args.toArray(String[]::new))) {
                JobId id = PiJobs.submit(broker, queue, samples, tasks, SEED);
                await().atMost(Duration.ofSeconds(60)).until(() -> broker.status(id).orElseThrow().succeeded() >= 10);

                redis.killMasterAndAwaitFailover();
                // As its supervisor would: back as a replica of the new master, without which no write could reach
                // one replica (with --min-replicas 1, results wait for it meanwhile).
                redis.restartKilled();

                await().atMost(Duration.ofMinutes(3)).ignoreExceptions()
                        .until(() -> broker.status(id).orElseThrow().state().isTerminal());
                JobStatus status = broker.status(id).orElseThrow();
                assertThat(status.state()).as(runner.log()).isEqualTo(JobState.SUCCEEDED);
                assertThat(PiJobs.inside(status)).as(runner.log()).isEqualTo(expected);
                assertThat(status.succeeded()).isEqualTo(tasks);
                assertThat(runner.isAlive()).as("followed the failover without a restart").isTrue();
            }
        }
    }
}
