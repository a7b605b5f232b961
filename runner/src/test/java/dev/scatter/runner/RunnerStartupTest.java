package dev.scatter.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scatter.broker.Broker;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobState;
import dev.scatter.broker.testing.DedicatedRedis;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

/**
 * Docker Compose starts runners once Redis passes its health check; Kubernetes, podman kube play and
 * podman-compose start them whenever. So a runner waits by itself until Redis answers, whatever it is answered
 * meanwhile, and then serves.
 */
@ExtendWith(RealRedis.class)
class RunnerStartupTest {

    @Test
    void aRunnerWaitsForARedisThatAnswersWithErrorsAndServesOnceItIsHealthy(@DedicatedRedis RedisFixture redis)
            throws Exception {
        try (Jedis admin = new Jedis(redis.server().host(), redis.server().port())) {
            // Every client slot taken, by this connection: Redis answers each new one with an error, as it answers
            // every client from another container while in protected mode.
            admin.configSet("maxclients", "1");
            try (RunnerProcess runner = RunnerProcess.start(redis.uri(), "--queue", redis.queue(), "--threads", "1",
                    "--name", "patient")) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> runner.log().contains("waiting for it with back-off") || !runner.isAlive());
                assertThat(runner.isAlive()).as(runner.log()).isTrue();
                assertThat(runner.log()).contains("max number of clients reached").doesNotContain("internal error");

                admin.configSet("maxclients", "10000");
                try (Broker broker = Broker.connect(redis.uri())) {
                    JobId id = PiJobs.submit(broker, redis.queue(), 1_000_000, 4, 1);
                    await().atMost(Duration.ofSeconds(60))
                            .until(() -> broker.status(id).orElseThrow().state().isTerminal());
                    assertThat(broker.status(id).orElseThrow().state()).as(runner.log()).isEqualTo(JobState.SUCCEEDED);
                }
                assertThat(runner.terminate(30)).as(runner.log()).isZero();
                assertThat(runner.log()).contains("connected to Redis");
            }
        }
    }
}
