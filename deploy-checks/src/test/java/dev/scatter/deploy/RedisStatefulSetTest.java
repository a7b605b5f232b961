package dev.scatter.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scatter.localredis.FreePort;
import dev.scatter.localredis.RedisServerBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The Redis of the Kubernetes StatefulSet, started here as the pod starts it: its startup script and its
 * redis.conf as rendered, with the pod's paths (/etc/redis, /run/redis, /data) moved to a temporary directory
 * and a free port added. Redis refuses to start on a misspelt directive, and a wrong include would start it
 * without a password: both would otherwise show only in a cluster. (That the password is on no command line is
 * checked on the manifests: Redis overwrites its own /proc command line and environment, so they prove nothing.)
 */
class RedisStatefulSetTest {

    @Test
    void startsWithTheSecretsPasswordAndTheAppendOnlyFileAndKeepsThePasswordOutOfSight(@TempDir Path pod)
            throws Exception {
        Rendered base = Rendered.of("base");
        JsonNode template = base.podTemplate("StatefulSet", "scatter-redis");
        JsonNode redis = KubernetesManifestsTest.container(template, "redis");
        List<String> command = new ArrayList<>(KubernetesManifestsTest.texts(redis.path("command")));
        command.addAll(KubernetesManifestsTest.texts(redis.path("args")));
        assertThat(command).hasSize(3).startsWith("/bin/sh", "-c");

        Path etc = Files.createDirectories(pod.resolve("etc"));
        Path run = Files.createDirectories(pod.resolve("run"));
        Path data = Files.createDirectories(pod.resolve("data"));
        String configMap = template.path("spec").path("volumes").findValue("configMap").path("name").asText();
        String conf = base.get("ConfigMap", configMap).path("data").path("redis.conf").asText();
        int port = FreePort.pick();
        Files.writeString(etc.resolve("redis.conf"), moved(conf, etc, run, data)
                + "\nport " + port + "\nbind 127.0.0.1\n");
        String script = moved(command.get(2), etc, run, data)
                .replace("exec redis-server ", "exec " + RedisServerBinary.locate() + " ");

        String password = UUID.randomUUID().toString().replace("-", "");
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true)
                .redirectOutput(pod.resolve("redis.log").toFile());
        builder.environment().put("REDIS_PASSWORD", password);
        builder.environment().put("REDISCLI_AUTH", password);
        Process server = builder.start();
        try {
            Path log = pod.resolve("redis.log");
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
                assertThat(server.isAlive()).as("redis-server exited:\n" + Files.readString(log)).isTrue();
                try (Jedis jedis = connect(port, password)) {
                    assertThat(jedis.ping()).isEqualTo("PONG");
                }
            });
            try (Jedis jedis = connect(port, password)) {
                assertThat(jedis.configGet("appendonly")).containsEntry("appendonly", "yes");
                assertThat(jedis.configGet("maxmemory-policy")).containsEntry("maxmemory-policy", "noeviction");
                assertThat(jedis.configGet("dir").get("dir")).isEqualTo(data.toString());
                jedis.set("deploy-check", "kept");
            }
            try (Jedis anonymous = new Jedis(new HostAndPort("127.0.0.1", port))) {
                assertThatThrownBy(anonymous::ping).isInstanceOf(JedisDataException.class).hasMessageContaining("NOAUTH");
            }
            assertThat(Files.getPosixFilePermissions(run.resolve("auth.conf")))
                    .as("the password file, readable by the server alone")
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        try (var files = Files.walk(data)) {
            assertThat(files.filter(f -> f.getFileName().toString().contains(".aof")).toList())
                    .as("the append-only file, on the volume").isNotEmpty();
        }
    }

    private static String moved(String text, Path etc, Path run, Path data) {
        return text.replace("/etc/redis/", etc + "/").replace("/run/redis/", run + "/")
                .replaceAll("(?m)^dir /data$", "dir " + data);
    }

    private static Jedis connect(int port, String password) {
        return new Jedis(new HostAndPort("127.0.0.1", port), DefaultJedisClientConfig.builder().password(password).build());
    }
}
