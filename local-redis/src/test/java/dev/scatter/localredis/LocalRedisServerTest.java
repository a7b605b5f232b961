package dev.scatter.localredis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;

class LocalRedisServerTest {

    @Test
    void theBundledRedisRunsWhenNoneIsInstalled() {
        try (LocalRedisServer server = LocalRedisServer.builder().binary(RedisServerBinary.bundled()).build().start();
             RedisClient client = RedisClient.create(URI.create(server.uri()))) {
            assertThat(server.version()).contains("v=6.2");
            assertThat(client.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void aKilledServerRestartsOnTheSamePortWithItsAppendOnlyData() {
        try (LocalRedisServer server = LocalRedisServer.builder().appendOnly(true).build().start()) {
            int port = server.port();
            try (RedisClient client = RedisClient.create(URI.create(server.uri()))) {
                client.set("acknowledged", "yes");
            }
            server.kill();
            assertThat(server.isRunning()).isFalse();
            server.start();
            assertThat(server.port()).isEqualTo(port);
            try (RedisClient client = RedisClient.create(URI.create(server.uri()))) {
                assertThat(client.get("acknowledged")).isEqualTo("yes");
            }
        }
    }

    @Test
    void fsyncPolicyAndAnExtraAddressAreThoseAskedFor() {
        try (LocalRedisServer server = LocalRedisServer.builder().appendOnly(true).appendFsync("always")
                .alsoBind("127.0.0.2").build().start();
             Jedis local = new Jedis(URI.create(server.uri()));
             RedisClient other = RedisClient.create(URI.create("redis://127.0.0.2:" + server.port()))) {
            assertThat(local.configGet("appendfsync")).containsEntry("appendfsync", "always");
            other.set("through", "the other address");
            assertThat(local.get("through")).isEqualTo("the other address");
        }
        assertThatThrownBy(() -> LocalRedisServer.builder().appendFsync("sometimes"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKeptDataDirectoryOutlivesTheServerWithItsKeysAndTheirExpiry(@TempDir Path dir) {
        Path data = dir.resolve("store");
        try (LocalRedisServer first = LocalRedisServer.builder().dataDir(data).appendOnly(true).build().start();
             RedisClient client = RedisClient.create(URI.create(first.uri()))) {
            client.set("kept", "yes");
            client.expire("kept", 3_600);
        }
        assertThat(data).isDirectory();
        try (LocalRedisServer second = LocalRedisServer.builder().dataDir(data).appendOnly(true).build().start();
             RedisClient client = RedisClient.create(URI.create(second.uri()))) {
            assertThat(client.get("kept")).isEqualTo("yes");
            assertThat(client.ttl("kept")).isBetween(3_000L, 3_600L);
        }
    }

    @Test
    void withoutAppendOnlyARestartStartsEmpty() {
        try (LocalRedisServer server = LocalRedisServer.builder().build().start()) {
            try (RedisClient client = RedisClient.create(URI.create(server.uri()))) {
                client.set("k", "v");
            }
            server.restart();
            try (RedisClient client = RedisClient.create(URI.create(server.uri()))) {
                assertThat(client.exists("k")).isFalse();
            }
        }
    }

    @Test
    void aTakenFixedPortIsReportedWithRedisOwnWords() {
        try (LocalRedisServer first = LocalRedisServer.builder().build().start();
             LocalRedisServer second = LocalRedisServer.builder().port(first.port()).build()) {
            assertThatThrownBy(second::start)
                    .isInstanceOf(LocalRedisException.class)
                    .hasMessageContaining("port " + first.port());
        }
    }
}
