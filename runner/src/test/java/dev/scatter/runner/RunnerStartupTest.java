package dev.scatter.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scatter.broker.Broker;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobState;
import dev.scatter.broker.testing.DedicatedRedis;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
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

    /**
     * A Redis pod rescheduled, or a container recreated, comes back at a new address under the same name. The
     * runner must follow it within seconds, not after the JVM's 30 s trust in the old address.
     */
    @Test
    void aRunnerFollowsRedisToANewAddressUnderTheSameName(RedisFixture redis, @TempDir Path dir) throws Exception {
        // The JVM's hosts-file resolver stands in for DNS: the name first points where no Redis listens.
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "127.0.0.2 scatter-redis-test\n");
        String uri = "redis://scatter-redis-test:" + redis.server().port();
        try (RunnerProcess runner = RunnerProcess.start(List.of("-Djdk.net.hosts.file=" + hosts), uri,
                "--queue", redis.queue(), "--threads", "1", "--name", "follower")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> runner.log().contains("waiting for it with back-off"));
            Files.writeString(hosts, "127.0.0.1 scatter-redis-test\n");
            long moved = System.nanoTime();
            await().atMost(Duration.ofSeconds(60)).until(() -> runner.log().contains("connected to Redis"));
            double seconds = (System.nanoTime() - moved) / 1e9;
            assertThat(seconds).as(runner.log()).isLessThan(15);
            assertThat(runner.terminate(30)).as(runner.log()).isZero();
        }
    }
}
