package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

@ExtendWith(RealRedis.class)
class RunnerPresenceTest {

    @Test
    void aRunnerIsListedWhileItsHeartbeatsLastAndForgottenAfter(RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri())) {
            String id = redis.queue() + "-runner";
            RunnerPresence me = new RunnerPresence(id, "host-a", 4242, List.of(redis.queue(), "other"),
                    List.of("pi@1", "noop@1"), 8, 3, "0.1.0", Instant.now(), null);

            broker.runners().heartbeat(me, Duration.ofSeconds(1));

            RunnerPresence seen = broker.runners().live().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
            assertThat(seen.host()).isEqualTo("host-a");
            assertThat(seen.pid()).isEqualTo(4242);
            assertThat(seen.queues()).containsExactly(redis.queue(), "other");
            assertThat(seen.kinds()).containsExactly("pi@1", "noop@1");
            assertThat(seen.kindNames()).containsExactly("pi", "noop");
            assertThat(seen.threads()).isEqualTo(8);
            assertThat(seen.inFlight()).isEqualTo(3);
            assertThat(seen.lastSeen()).isNotNull();

            await().atMost(Duration.ofSeconds(10)).until(() ->
                    broker.runners().live().stream().noneMatch(r -> r.id().equals(id)));
        }
    }

    @Test
    void theIndexForgetsARunnerThatDiedWithoutSayingSoWhetherOrNotAnyoneListsRunners(RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri());
             RedisClient raw = RedisClient.create(URI.create(redis.uri()))) {
            String dead = redis.queue() + "-crashed";
            broker.runners().heartbeat(new RunnerPresence(dead, "h", 1, List.of("q"), List.of(), 1, 0, "v",
                    Instant.now(), null), Duration.ofMillis(100));
            assertThat(raw.zscore(QueueKeys.Runners.index(), dead)).isNotNull();

            // Ten of its TTLs later, any live runner's heartbeat drops it from the index.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                broker.runners().heartbeat(new RunnerPresence(redis.queue() + "-alive", "h", 2, List.of("q"), List.of(),
                        1, 0, "v", Instant.now(), null), Duration.ofMillis(100));
                assertThat(raw.zscore(QueueKeys.Runners.index(), dead)).isNull();
            });
        }
    }

    @Test
    void aRunnerThatLeavesIsRemovedAtOnce(RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri())) {
            String id = redis.queue() + "-runner";
            broker.runners().heartbeat(new RunnerPresence(id, "h", 1, List.of("q"), List.of(), 1, 0, "v",
                    Instant.now(), null),
                    Duration.ofMinutes(1));
            broker.runners().remove(id);
            assertThat(broker.runners().live()).noneMatch(r -> r.id().equals(id));
        }
    }
}
