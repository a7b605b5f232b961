package dev.scatter.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scatter.broker.Broker;
import dev.scatter.broker.JobStatus;
import dev.scatter.broker.testing.DedicatedRedis;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

/** The settler alone: no result is dropped whatever Redis answers while it cannot take it. */
@ExtendWith(RealRedis.class)
class SettlerTest {

    @Test
    void resultsAreKeptWhileRedisIsOutOfMemoryAndCountedOnceItHasRoom(@DedicatedRedis RedisFixture redis)
            throws Exception {
        try (Broker broker = Broker.connect(redis.uri()); RedisClient raw = RedisClient.create(redis.uri())) {
            Holdings holdings = new Holdings();
            OutageLog outage = Roles.outage(broker, () -> { });
            Settler settler = new Settler(broker, holdings, outage, RunnerMetrics.inMemory());
            List<Work> works = Roles.hold(broker, redis, holdings, 3, Roles.LEASE);
            Thread thread = new Thread(settler, "settler-under-test");
            thread.start();
            try {
                fill(raw);
                works.forEach(w -> settler.complete(w, Integer.toString(w.task.index())));
                await().atMost(Duration.ofSeconds(10)).until(outage::isDown);
                assertThat(outage.condition()).isEqualTo(
                        dev.scatter.broker.BrokerUnavailableException.Condition.OUT_OF_MEMORY);
                assertThat(holdings.size()).as("still held, so still renewed").isEqualTo(3);

                raw.del("ballast");
                await().atMost(Duration.ofSeconds(15)).until(() -> holdings.size() == 0);
                JobStatus status = broker.status(works.get(0).task.job()).orElseThrow();
                assertThat(status.succeeded()).isEqualTo(3);
                // The settler drops what Redis acknowledged before it records that Redis answered again.
                await().atMost(Duration.ofSeconds(5)).until(() -> !outage.isDown());
            } finally {
                settler.stop(System.nanoTime());
                thread.interrupt();
                thread.join(5_000);
                raw.configSet("maxmemory", "0");
            }
        }
    }

    private static void fill(RedisClient raw) {
        // Made inside Redis: an 8 MiB argument would sit in the client's query buffer, counted now and freed later.
        raw.eval("redis.call('SET', KEYS[1], string.rep('x', 8 * 1024 * 1024))", java.util.List.of("ballast"),
                java.util.List.of());
        long used = 0;
        for (String line : raw.info("memory").split("\r?\n")) {
            if (line.startsWith("used_memory:")) {
                used = Long.parseLong(line.substring("used_memory:".length()).trim());
            }
        }
        raw.configSet("maxmemory-policy", "noeviction");
        raw.configSet("maxmemory", Long.toString(used - 1024 * 1024));
    }
}
