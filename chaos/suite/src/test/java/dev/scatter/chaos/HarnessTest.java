package dev.scatter.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;

/** The fault injectors themselves: each fault is real, so that a case that passes has survived it. */
class HarnessTest {

    @Test
    void aFullRedisRefusesWritesUntilTheBallastGoes() {
        try (ChaosRedis redis = ChaosRedis.launch(16L * 1024 * 1024, null)) {
            assertThat(redis.refusesWrites()).isFalse();
            assertThat(redis.fillToMaxMemory()).isPositive();
            assertThat(redis.refusesWrites()).isTrue();
            redis.freeMemory();
            assertThat(redis.refusesWrites()).isFalse();
        }
    }

    @Test
    void aKilledRedisComesBackWithWhatItAcknowledged() {
        try (ChaosRedis redis = ChaosRedis.launch()) {
            try (RedisClient client = RedisClient.create(URI.create(redis.uri()))) {
                client.set("acknowledged", "yes");
            }
            redis.kill();
            assertThat(redis.isRunning()).isFalse();
            redis.start();
            try (RedisClient client = RedisClient.create(URI.create(redis.uri()))) {
                assertThat(client.get("acknowledged")).isEqualTo("yes");
            }
        }
    }

    @Test
    void aFakeClockIsOffByItsOffsetAndOnlyThere() throws Exception {
        assumeTrue(FakeClock.unavailable().isEmpty(), () -> FakeClock.unavailable().orElseThrow());
        long now = System.currentTimeMillis() / 1000;
        assertThat(epochSecondsUnder(FakeClock.offset(60)) - now).isBetween(58L, 63L);
        assertThat(epochSecondsUnder(FakeClock.offset(-20)) - now).isBetween(-22L, -17L);
        assertThat(epochSecondsUnder(Map.of()) - now).isBetween(-2L, 3L);
    }

    @Test
    void aCutLinkStopsTrafficBothWaysAndAHealedOneCarriesItAgain() throws Exception {
        assumeTrue(Netns.unavailable().isEmpty(), () -> Netns.unavailable().orElseThrow());
        try (Netns ns = Netns.create(); ChaosRedis redis = ChaosRedis.launch(0, ns.hostAddress())) {
            assertThat(pingFrom(ns, redis)).isTrue();
            ns.cut();
            assertThat(pingFrom(ns, redis)).isFalse();
            ns.heal();
            assertThat(pingFrom(ns, redis)).isTrue();
        }
    }

    @Test
    void theTimelineSeesTwoRunsOfATaskAtOnceAndNotOneAfterAnother(@TempDir Path dir) throws Exception {
        try (CommandTimeline timeline = new CommandTimeline(dir.resolve("timeline.log"))) {
            String script = CommandTimeline.SCRIPT.replace("{{", "{").replace("}}", "}");
            Process a = new ProcessBuilder("sh", "-c", script, "sh", "1", timeline.file().toString(), "8").start();
            Process b = new ProcessBuilder("sh", "-c", script, "sh", "1", timeline.file().toString(), "8").start();
            assertThat(a.waitFor(10, TimeUnit.SECONDS) && b.waitFor(10, TimeUnit.SECONDS)).isTrue();
            Process c = new ProcessBuilder("sh", "-c", script, "sh", "2", timeline.file().toString(), "3").start();
            assertThat(c.waitFor(10, TimeUnit.SECONDS)).isTrue();
            Process d = new ProcessBuilder("sh", "-c", script, "sh", "2", timeline.file().toString(), "3").start();
            assertThat(d.waitFor(10, TimeUnit.SECONDS)).isTrue();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> timeline.runs().size() == 4 && timeline.runs().stream().allMatch(r -> r.end() != null));
            Map<Integer, Long> overlaps = timeline.overlaps();
            assertThat(overlaps).containsOnlyKeys(1);
            assertThat(overlaps.get(1)).isBetween(300_000_000L, 1_500_000_000L);
        }
    }

    private static long epochSecondsUnder(Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("date", "+%s").redirectErrorStream(true);
        builder.environment().putAll(env);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(10, TimeUnit.SECONDS);
        return Long.parseLong(out);
    }

    /** A PING to Redis from inside the namespace, with bash's /dev/tcp and a 2-second limit. */
    private static boolean pingFrom(Netns ns, ChaosRedis redis) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(ns.prefix());
        command.addAll(List.of("timeout", "2", "bash", "-c",
                "exec 3<>/dev/tcp/" + ns.hostAddress() + "/" + redis.port() + " && printf 'PING\\r\\n' >&3"
                        + " && head -c 5 <&3"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out.contains("+PONG");
    }

}
