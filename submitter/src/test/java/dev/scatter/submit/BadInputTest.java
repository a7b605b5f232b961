package dev.scatter.submit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import dev.scatter.localredis.FreePort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad input: a clear one-line message and the documented exit code, never a stack trace. */
@ExtendWith(RealRedis.class)
class BadInputTest {

    @Test
    void usageErrorsExitTwo(RedisFixture redis) {
        Cli cli = Cli.withRedis(redis.uri());
        expect(cli.run("pi", "--bogus"), 2, "Unknown option: '--bogus'");
        expect(cli.run("pi", "--samples", "-5"), 2, "samples must be at least 1, not -5");
        expect(cli.run("pi", "--tasks", "0"), 2, "'--tasks': must be from 1 to 16000000, not 0");
        expect(cli.run("pi", "--samples", "5", "--tasks", "10"), 2, "more tasks (10) than samples (5)");
        expect(cli.run("pi", "--samples", "lots"), 2, "'lots' is not a number");
        expect(cli.run("pi", "--samples", "1.5"), 2, "not a whole number");
        expect(cli.run("pi", "--ttl", "forever"), 2, "not a duration");
        expect(cli.run("status", "NOT A JOB!"), 2, "invalid job id");
        expect(cli.run("frobnicate"), 2, "Unmatched argument");
        expect(cli.run(), 2, "name a command");
        expect(cli.run("pi", "--queue", "no spaces please", "--samples", "10", "--tasks", "1"), 2, "'--queue': must be 1 to 64 letters");
    }

    @Test
    void aJobThatDoesNotExistExitsFour(RedisFixture redis) {
        Cli cli = Cli.withRedis(redis.uri());
        for (String command : new String[] {"status", "wait", "result", "cancel", "retry", "dead"}) {
            expect(cli.run(command, "nosuchjob0"), 4, "job nosuchjob0 does not exist");
        }
    }

    @Test
    void anUnreachableRedisExitsThreeNamingItsAddress() {
        int port = FreePort.pick();
        Cli cli = Cli.withRedis("redis://:hunter2@127.0.0.1:" + port);
        Cli.Run run = cli.run("status", "abc");
        expect(run, 3, "127.0.0.1:" + port);
        assertThat(run.err()).doesNotContain("hunter2");
        expect(cli.run("pi", "--samples", "10", "--tasks", "1"), 3, "connection refused");
    }

    @Test
    void aMalformedRedisUriExitsTwoWithoutThePassword() {
        Cli.Run run = Cli.withRedis("http://:hunter2@somewhere").run("jobs");
        expect(run, 2, "scheme must be redis or rediss");
        assertThat(run.err()).doesNotContain("hunter2");
    }

    @Test
    void commandsAboutExistingJobsNeedARedis() {
        expect(Cli.withoutRedis().run("status", "abc"), 2, "no Redis given");
        expect(Cli.withoutRedis().run("pi", "--no-wait", "--samples", "10", "--tasks", "1"), 2, "--no-wait needs a Redis");
    }

    private static void expect(Cli.Run run, int code, String message) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(code);
        assertThat(run.err()).as(run.toString()).contains(message);
        assertThat(run.err()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(run.err().strip().lines().count()).as("one line (two with a usage hint)").isLessThanOrEqualTo(2);
    }
}
