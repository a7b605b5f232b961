package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import dev.scatter.localredis.FreePort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sentinel and Cluster URIs that cannot work: one clear message naming what was asked, never a password (the
 * master's or the sentinels').
 */
@ExtendWith(RealRedis.class)
class HaConnectionErrorTest {

    private static final String PASSWORD = "m4ster-Pa55word";
    private static final String SENTINEL_PASSWORD = "sent1nel-Pa55word";

    @Test
    void noSentinelAnswering() {
        int port = FreePort.pick();
        String uri = "redis-sentinel://:" + PASSWORD + "@127.0.0.1:" + port + "?sentinelPassword=" + SENTINEL_PASSWORD
                + "#mymaster";
        assertThatThrownBy(() -> Broker.connect(uri))
                .isInstanceOf(BrokerException.class)
                .hasMessageContaining("mymaster via sentinels 127.0.0.1:" + port)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD).doesNotContain(SENTINEL_PASSWORD));
    }

    @Test
    void aPlainServerIsNotASentinel(RedisFixture redis) {
        String uri = "redis-sentinel://" + redis.server().host() + ":" + redis.server().port() + "#mymaster";
        assertThatThrownBy(() -> Broker.connect(uri))
                .isInstanceOf(BrokerException.class)
                .hasMessageContaining("mymaster via sentinels");
    }

    @Test
    void noSeedNodeAnsweringIsAnOutageToWaitFor() {
        int port = FreePort.pick();
        assertThatThrownBy(() -> Broker.connect("redis-cluster://:" + PASSWORD + "@127.0.0.1:" + port))
                .isInstanceOf(BrokerUnavailableException.class)
                .hasMessageContaining("cluster 127.0.0.1:" + port)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
    }

    @Test
    void aPlainServerIsNotACluster(RedisFixture redis) {
        String uri = "redis-cluster://:" + PASSWORD + "@" + redis.server().host() + ":" + redis.server().port();
        assertThatThrownBy(() -> Broker.connect(uri))
                .isInstanceOf(WrongServerException.class)
                .hasMessageContaining("cluster " + redis.server().host() + ":" + redis.server().port())
                .hasMessageContaining("cluster mode on?")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
    }
}
