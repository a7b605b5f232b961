package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scatter.broker.testing.DedicatedRedis;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import dev.scatter.localredis.FreePort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A refused connection or a wrong password: a clear message naming host and port, never the password. */
@ExtendWith(RealRedis.class)
class ConnectionErrorTest {

    private static final String PASSWORD = "s3cret-Pa55word";

    @Test
    void aRefusedConnectionNamesHostAndPort() {
        int port = FreePort.pick();
        assertThatThrownBy(() -> Broker.connect("redis://:" + PASSWORD + "@127.0.0.1:" + port))
                .isInstanceOf(BrokerUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + port)
                .hasMessageContaining("connection refused")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
    }

    @Test
    void aWrongPasswordIsRefusedWithoutShowingIt(@DedicatedRedis(password = PASSWORD) RedisFixture redis) {
        String wrong = "wrong-" + PASSWORD;
        String uri = "redis://:" + wrong + "@" + redis.server().host() + ":" + redis.server().port();
        assertThatThrownBy(() -> Broker.connect(uri))
                .isInstanceOf(BrokerAuthException.class)
                .hasMessageContaining(redis.server().host() + ":" + redis.server().port())
                .hasMessageContaining("refused the credentials")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong).doesNotContain(PASSWORD));
    }

    @Test
    void aMissingPasswordIsExplained(@DedicatedRedis(password = PASSWORD) RedisFixture redis) {
        String uri = "redis://" + redis.server().host() + ":" + redis.server().port();
        assertThatThrownBy(() -> Broker.connect(uri))
                .isInstanceOf(BrokerAuthException.class)
                .hasMessageContaining("requires a password");
    }

    @Test
    void theRightPasswordConnects(@DedicatedRedis(password = PASSWORD) RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri())) {
            assertThat(broker.serverVersion()).matches("\\d+\\.\\d+\\.\\d+");
            assertThat(broker.uri().toString()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void anUnparsableUriIsRefusedBeforeConnecting() {
        assertThatThrownBy(() -> Broker.connect("http://:" + PASSWORD + "@example:6379"))
                .isInstanceOf(InvalidRedisUriException.class)
                .hasMessageContaining("scheme must be redis or rediss")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
    }
}
