package dev.scatter.submit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code submit dashboard}'s refusals: one line and exit 2, before anything listens. */
@ExtendWith(RealRedis.class)
class DashboardCommandTest {

    @Test
    void anAddressOtherHostsReachNeedsReadOnlyOrAToken(RedisFixture redis) {
        expect(Cli.withRedis(redis.uri()).run("dashboard", "--bind", "0.0.0.0", "--port", "0"), "add --read-only, or a token");
    }

    @Test
    void anUnreadableTokenFileIsSaidSo(RedisFixture redis) {
        expect(Cli.withRedis(redis.uri()).run("dashboard", "--token-file", "/nonexistent/token"), "--token-file /nonexistent/token cannot be read");
    }

    @Test
    void aPortInUseIsSaidSo(RedisFixture redis) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            expect(Cli.withRedis(redis.uri()).run("dashboard", "--port", Integer.toString(taken.getLocalPort())),
                    "choose another with --port");
        }
    }

    @Test
    void itNeedsARedis() {
        expect(Cli.withoutRedis().run("dashboard"), "no Redis given");
    }

    private static void expect(Cli.Run run, String message) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).as(run.toString()).contains(message);
        assertThat(run.err()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
    }
}
