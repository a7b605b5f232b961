package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedisUriTest {

    @Test
    void parsesEveryPart() {
        RedisUri uri = RedisUri.parse("rediss://alice:p%40ss@cache.example.com:6380/3");
        assertThat(uri.tls()).isTrue();
        assertThat(uri.host()).isEqualTo("cache.example.com");
        assertThat(uri.port()).isEqualTo(6380);
        assertThat(uri.user()).isEqualTo("alice");
        assertThat(uri.password()).isEqualTo("p@ss");
        assertThat(uri.database()).isEqualTo(3);
        assertThat(uri).hasToString("rediss://alice:***@cache.example.com:6380/3");
    }

    @Test
    void fillsDefaults() {
        RedisUri uri = RedisUri.parse("redis://localhost");
        assertThat(uri.tls()).isFalse();
        assertThat(uri.port()).isEqualTo(6379);
        assertThat(uri.user()).isNull();
        assertThat(uri.password()).isNull();
        assertThat(uri.database()).isZero();
    }

    @Test
    void takesAPasswordWithoutUser() {
        assertThat(RedisUri.parse("redis://:secret@h").password()).isEqualTo("secret");
        assertThat(RedisUri.parse("redis://secret@h").password()).isEqualTo("secret");
        assertThat(RedisUri.parse("redis://:secret@h").user()).isNull();
    }

    @Test
    void readsIpv6Hosts() {
        RedisUri uri = RedisUri.parse("redis://[::1]:7000");
        assertThat(uri.host()).isEqualTo("::1");
        assertThat(uri.address()).isEqualTo("[::1]:7000");
    }

    @Test
    void refusesBadUrisWithAClearMessageAndNoPassword() {
        assertThatThrownBy(() -> RedisUri.parse("localhost:6379")).hasMessageContaining("expected redis://");
        assertThatThrownBy(() -> RedisUri.parse("redis://:hunter2@host:99999"))
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> RedisUri.parse("redis://:hunter2@host/abc"))
                .hasMessageContaining("database").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> RedisUri.parse("redis://:hunter2@ho st"))
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> RedisUri.parse("")).hasMessageContaining("no Redis URI");
        assertThatThrownBy(() -> RedisUri.parse("redis://h?timeout=1")).hasMessageContaining("options");
    }

    @Test
    void masksAnyUriText() {
        assertThat(RedisUri.mask("redis://u:pw@h:1/0")).isEqualTo("redis://u:***@h:1/0");
        assertThat(RedisUri.mask("redis://pw@h")).isEqualTo("redis://***@h");
        assertThat(RedisUri.mask("redis://h:1")).isEqualTo("redis://h:1");
    }
}
