package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedisUriTest {

    /** Passwords holding each character that has a meaning in a URI, and a space. */
    static final List<String> HARD_PASSWORDS = List.of(
            "Sup3r/Secret", "Sup3r?Secret", "Sup3r#Secret", "Sup3r@Secret", "Sup3r%Secret", "Sup3r:Secret",
            "Sup3r Secret", "S/u?p#e@r%3:2 x", "kX9/+aB==", "%41%42");

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
        assertThat(RedisUri.parse("REDIS://h:1/").database()).isZero();
        assertThat(RedisUri.parse("  redis://h:1/0 \n").host()).isEqualTo("h");
    }

    @Test
    void takesAPasswordWithoutUser() {
        assertThat(RedisUri.parse("redis://:secret@h").password()).isEqualTo("secret");
        assertThat(RedisUri.parse("redis://secret@h").password()).isEqualTo("secret");
        assertThat(RedisUri.parse("redis://:secret@h").user()).isNull();
        assertThat(RedisUri.parse("redis://alice:@h").password()).isNull();
        assertThat(RedisUri.parse("redis://alice:@h").user()).isEqualTo("alice");
    }

    @Test
    void readsIpv6Hosts() {
        RedisUri uri = RedisUri.parse("redis://[::1]:7000");
        assertThat(uri.host()).isEqualTo("::1");
        assertThat(uri.address()).isEqualTo("[::1]:7000");
        assertThat(RedisUri.parse("redis://:pw@[fe80::1]").port()).isEqualTo(6379);
    }

    @Test
    void takesEveryPasswordPercentEncodedAndAsItIsUpToTheLastAt() {
        for (String password : HARD_PASSWORDS) {
            String encoded = URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20");
            RedisUri uri = RedisUri.parse("redis://:" + encoded + "@127.0.0.1:7492/2");
            assertThat(uri.password()).as(encoded).isEqualTo(password);
            assertThat(uri.address()).isEqualTo("127.0.0.1:7492");
            assertThat(uri.database()).isEqualTo(2);
            assertThat(RedisUri.parse("redis://bob:" + encoded + "@h").user()).isEqualTo("bob");
            if (!password.contains("%")) {
                // Only % needs encoding: the user-info runs to the last @.
                RedisUri raw = RedisUri.parse("redis://bob:" + password + "@127.0.0.1:7492");
                assertThat(raw.password()).as(password).isEqualTo(password);
                assertThat(raw.user()).isEqualTo("bob");
                assertThat(raw.port()).isEqualTo(7492);
            }
        }
        assertThat(RedisUri.parse("redis://:%C3%A9t%C3%A9@h").password()).isEqualTo("été");
        assertThat(RedisUri.parse("redis://:été@h").password()).isEqualTo("été");
        assertThat(RedisUri.parse("redis://me%40corp:pw@h").user()).isEqualTo("me@corp");
    }

    @Test
    void refusesBadUrisWithAClearMessageAndNoPassword() {
        assertThatThrownBy(() -> RedisUri.parse("localhost:6379")).hasMessageContaining("expected redis://");
        assertThatThrownBy(() -> RedisUri.parse("redis://:hunter2@host:99999"))
                .hasMessageContaining("port").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> RedisUri.parse("redis://:hunter2@host:0")).hasMessageContaining("from 1 to 65535");
        assertThatThrownBy(() -> RedisUri.parse("redis://:hunter2@host/abc"))
                .hasMessageContaining("database").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> RedisUri.parse("redis://:hunter2@ho st"))
                .hasMessageContaining("host").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> RedisUri.parse("")).hasMessageContaining("no Redis URI");
        assertThatThrownBy(() -> RedisUri.parse("redis://h?timeout=1")).hasMessageContaining("options");
        assertThatThrownBy(() -> RedisUri.parse("redis://h#x")).hasMessageContaining("fragment");
        assertThatThrownBy(() -> RedisUri.parse("redis://:pw@")).hasMessageContaining("no host");
        assertThatThrownBy(() -> RedisUri.parse("redis://:100%@h")).hasMessageContaining("%25")
                .hasMessageNotContaining("100");
        assertThatThrownBy(() -> RedisUri.parse("redis://:%FF@h")).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> RedisUri.parse("http://:hunter2@h")).hasMessageContaining("not http")
                .hasMessageContaining("'http://***@h'");
        assertThatThrownBy(() -> RedisUri.parse("redis:/:hunter2@h")).hasMessageContaining("two slashes")
                .hasMessageContaining("'redis:/***@h'");
    }

    /** Every typo the issue names, and more: the password never appears in what a parse error says. */
    @Test
    void noMalformedUriShowsItsPassword() {
        for (String password : HARD_PASSWORDS) {
            for (String shape : malformedShapes()) {
                String text = shape.replace("PW", password);
                Throwable thrown = catchParse(text);
                assertThat(thrown).as(text).isInstanceOf(InvalidRedisUriException.class);
                assertThat(thrown.getMessage()).as(text).doesNotContain(password).doesNotContain("Secret");
                assertThat(thrown.getCause()).isNull();
                assertThat(RedisUri.mask(text)).as(text).doesNotContain(password).doesNotContain("Secret");
            }
        }
    }

    private static List<String> malformedShapes() {
        List<String> shapes = new ArrayList<>(List.of(
                "redis:/:PW@h", "redis:PW@h", "redis::PW@h", ":PW@h", "user:PW@h", "PW@h", "redsi://:PW@h",
                "http://user:PW@h:6379", "redis//:PW@h", "redis:///:PW@h", "redis://:PW@h:port", "redis://:PW@h/db",
                "redis://:PW@h?password=x", "redis://:PW@h#frag", "redis://:PW@", "redis://:PW@ho st",
                "redis://:PW@h:99999", "rediss//user:PW@h:1/2", "REDIS:/user:PW@h", "redis://:PW@h/0?x=1",
                "redis-sentinel://:PW@h1,h2", "redis-sentinel://:PW@h1,h2/0#", "redis-sentinel://:PW@h1,h 2#m",
                "redis-sentinel://:PW@h1:26379#bad name", "redis-sentinel://:PW@h1?timeout=5#m",
                "redis-sentinel://:PW@h1?sentinelPassword=%zz#m", "redis-sentinel:/:PW@h1#m", "rediss-sentinel//:PW@h#m",
                "redis-sentinel://:PW@h?sentinelPassword=100%#m", "redis-sentinel://:PW@h1:port#m",
                "redis-cluster://:PW@h1,h2/1", "redis-cluster://:PW@h1,,h2", "redis-cluster://:PW@h1?x=1",
                "redis-cluster://:PW@h1#m", "redis-cluster:/:PW@h1:7000", "rediss-cluster://:PW@h1:70000",
                "redis://:PW@h1,h2", "redis-clustr://:PW@h1"));
        return shapes;
    }

    private static Throwable catchParse(String text) {
        try {
            RedisUri.parse(text);
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    @Test
    void masksByConstruction() {
        assertThat(RedisUri.mask("redis://u:pw@h:1/0")).isEqualTo("redis://***@h:1/0");
        assertThat(RedisUri.mask("redis://pw@h")).isEqualTo("redis://***@h");
        assertThat(RedisUri.mask("redis://h:1")).isEqualTo("redis://h:1");
        assertThat(RedisUri.mask("redis://:Sup3r/Secret@127.0.0.1:7492")).isEqualTo("redis://***@127.0.0.1:7492");
        assertThat(RedisUri.mask("redis:/:pw@h")).isEqualTo("redis:/***@h");
        assertThat(RedisUri.mask(":pw@h")).isEqualTo("***@h");
        assertThat(RedisUri.mask("user:pw@h")).isEqualTo("***@h");
        assertThat(RedisUri.mask("redis://h?password=pw")).isEqualTo("redis://h?***");
        assertThat(RedisUri.mask("redis://h:6379/0#pw")).isEqualTo("redis://h:6379/0#***");
        assertThat(RedisUri.mask("redis://h/pw")).isEqualTo("redis://h/***");
        // No @: a forgotten one, so what would have been a password after a colon is hidden too.
        assertThat(RedisUri.mask("redis://user:secret")).isEqualTo("redis://user:***");
        assertThat(RedisUri.mask("redis://:secret")).isEqualTo("redis://:***");
        assertThat(RedisUri.mask("redis://[::1]:7000")).isEqualTo("redis://[::1]:7000");
        assertThat(RedisUri.mask("redis://line\nforged")).isEqualTo("redis://***");
        assertThat(RedisUri.mask(null)).isEmpty();
    }

    @Test
    void masksSentinelAndClusterUrisAlike() {
        assertThat(RedisUri.mask("redis-sentinel://u:pw@s1:26379,s2/0#mymaster"))
                .isEqualTo("redis-sentinel://***@s1:26379,s2/0#***");
        assertThat(RedisUri.mask("rediss-sentinel://s1,[::1]:5?sentinelPassword=pw#m"))
                .isEqualTo("rediss-sentinel://s1,[::1]:5?***#***");
        assertThat(RedisUri.mask("redis-cluster://:pw@n1:7000,n2:7001,n3:7002"))
                .isEqualTo("redis-cluster://***@n1:7000,n2:7001,n3:7002");
        assertThat(RedisUri.mask("redis-cluster://n1:secret,n2")).isEqualTo("redis-cluster://n1:***,n2");
        assertThat(RedisUri.mask("redis-sentinel:pw@h#m")).isEqualTo("redis-sentinel:***@h#***");
    }

    @Test
    void parsesSentinelUris() {
        RedisUri uri = RedisUri.parse("redis-sentinel://alice:p%40ss@s1,s2:26380,[::1]/2#mymaster");
        assertThat(uri.topology()).isEqualTo(RedisUri.Topology.SENTINEL);
        assertThat(uri.tls()).isFalse();
        assertThat(uri.nodes()).containsExactly(new RedisUri.Node("s1", 26379), new RedisUri.Node("s2", 26380),
                new RedisUri.Node("::1", 26379));
        assertThat(uri.masterName()).isEqualTo("mymaster");
        assertThat(uri.user()).isEqualTo("alice");
        assertThat(uri.password()).isEqualTo("p@ss");
        assertThat(uri.database()).isEqualTo(2);
        assertThat(uri.sentinelPassword()).isNull();
        assertThat(uri).hasToString("redis-sentinel://alice:***@s1:26379,s2:26380,[::1]:26379/2#mymaster");
        assertThat(uri.address()).isEqualTo("mymaster via sentinels s1:26379,s2:26380,[::1]:26379");

        RedisUri own = RedisUri.parse("rediss-sentinel://:pw@s1?sentinelUser=watch&sentinelPassword=a%26b%40c#m");
        assertThat(own.tls()).isTrue();
        assertThat(own.sentinelUser()).isEqualTo("watch");
        assertThat(own.sentinelPassword()).isEqualTo("a&b@c");
        assertThat(own).hasToString("rediss-sentinel://:***@s1:26379?sentinelUser=watch&sentinelPassword=***#m");
        // A password with # or @ before the last @ is the master's, as in every form.
        assertThat(RedisUri.parse("redis-sentinel://:a#b@c@s1#m").password()).isEqualTo("a#b@c");
    }

    @Test
    void parsesClusterUris() {
        RedisUri uri = RedisUri.parse("rediss-cluster://:pw@n1:7000,n2:7001/0");
        assertThat(uri.topology()).isEqualTo(RedisUri.Topology.CLUSTER);
        assertThat(uri.tls()).isTrue();
        assertThat(uri.nodes()).containsExactly(new RedisUri.Node("n1", 7000), new RedisUri.Node("n2", 7001));
        assertThat(uri.host()).isEqualTo("n1");
        assertThat(uri).hasToString("rediss-cluster://:***@n1:7000,n2:7001");
        assertThat(RedisUri.parse("REDIS-CLUSTER://n1").port()).isEqualTo(6379);
        assertThat(RedisUri.parse("redis://h").topology()).isEqualTo(RedisUri.Topology.STANDALONE);
    }

    @Test
    void refusesBadSentinelAndClusterUrisClearly() {
        assertThatThrownBy(() -> RedisUri.parse("redis-sentinel://:hunter2@s1,s2"))
                .hasMessageContaining("names no master").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> RedisUri.parse("redis-sentinel://s1#my master")).hasMessageContaining("master name");
        assertThatThrownBy(() -> RedisUri.parse("redis-sentinel://s1?timeout=1#m")).hasMessageContaining("'timeout'");
        assertThatThrownBy(() -> RedisUri.parse("redis-cluster://:hunter2@n1/3"))
                .hasMessageContaining("database 0 only").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> RedisUri.parse("redis://:hunter2@h1,h2")).hasMessageContaining("redis-cluster://")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> RedisUri.parse("redis-cluster://n1,,n2")).hasMessageContaining("no host");
        assertThatThrownBy(() -> RedisUri.parse("redis-cluster://n1#m")).hasMessageContaining("fragment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis://al\nice:pw@h", "redis://alice:pw@h"})
    void toStringShowsTheUserButNeverThePassword(String text) {
        String shown = RedisUri.parse(text).toString();
        assertThat(shown).doesNotContain("pw").doesNotContain("\n").endsWith(":***@h:6379");
    }
}
