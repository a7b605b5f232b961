package dev.scatter.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scatter.broker.testing.RealRedis;
import dev.scatter.cli.Bounds;
import dev.scatter.cli.DurationConverter;
import dev.scatter.broker.testing.RedisFixture;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad runner command lines and plug-ins: one line naming the problem and the option as written, exit 2, no
 * stack trace, and nothing started (so nothing in Redis).
 */
@ExtendWith(RealRedis.class)
class RunnerBadInputTest {

    @Test
    void optionsOutOfBoundsNameTheOption(RedisFixture redis) throws Exception {
        RunnerCli cli = RunnerCli.withEnv(Map.of("REDIS_URL", redis.uri()));
        expect(cli.run("--lease", "0"), "Invalid value for option '--lease': must be from 300ms to 1h, not 0");
        expect(cli.run("--lease", "1ms"), "'--lease': must be from 300ms to 1h, not 1ms");
        expect(cli.run("--lease", "2h"), "'--lease': must be from 300ms to 1h, not 2h");
        expect(cli.run("--lease", "-5s"), "'--lease': '-5s' is not a duration");
        expect(cli.run("--threads", "0"), "'--threads': must be from 1 to 256, not 0");
        expect(cli.run("--threads", "100000"), "'--threads': must be from 1 to 256, not 100000");
        expect(cli.run("--threads", "1e100"), "'--threads': '1e100' is not a whole number within range");
        expect(cli.run("--threads", "2.5"), "not a whole number");
        expect(cli.run("--drain", "2h"), "'--drain': must be from 0s to 1h, not 2h");
        expect(cli.run("--task-timeout", "0"), "'--task-timeout': must be from 1s to 365d, not 0");
        expect(cli.run("--task-timeout", "999999999999999d"), "'--task-timeout': '999999999999999d' is too long");
        expect(cli.run("--http-port", "99999"), "'--http-port': must be from 1 to 65535, not 99999");
        expect(cli.run("--http-port", "0"), "'--http-port': must be from 1 to 65535, not 0");
        expect(cli.run("--queue", "a b"), "'--queue' (NAME): must be 1 to 64 letters");
        expect(cli.run("-q", "ok,not ok"), "'--queue' (NAME): must be 1 to 64 letters");
        expect(cli.run("--queue", "q".repeat(200_000)), "characters)'");
        expect(cli.run("--log-format", "xml"), "--log-format must be text or json, not 'xml'");
        expect(cli.run("--name", "two words"), "--name 'two words' is not a runner name");
        expect(cli.run("--name", "n".repeat(200_000)), "is not a runner name");
        expect(cli.run("--workdir", "/no/such/dir"), "--workdir '/no/such/dir' is not a directory");
        expect(cli.run("--bogus"), "Unknown option: '--bogus'");
        expect(cli.run("--threads"), "Missing required parameter for option '--threads'");
        assertThat(RunnerCli.withEnv(Map.of()).run().err()).contains("no Redis given");
    }

    @Test
    void anArgumentStartingWithAtIsNotAFileToRead(RedisFixture redis, @TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("args.txt"), "--threads\n9999\ncontents-of-the-file");
        RunnerCli.Run run = RunnerCli.withEnv(Map.of("REDIS_URL", redis.uri())).run("@" + file);
        expect(run, "Unmatched argument at index 0: '@" + file + "'");
        assertThat(run.all()).doesNotContain("contents-of-the-file");
    }

    /** The bounds --help states are those RunnerConfig enforces (which may change). */
    @Test
    void helpStatesTheBoundsTheCodeEnforces() throws Exception {
        String help = RunnerCli.withEnv(Map.of()).run("--help").out().replaceAll("\\s+", " ");
        assertThat(help).contains("Tasks to run at once, 1 to " + RunnerConfig.MAX_THREADS + ".")
                .contains(DurationConverter.format(RunnerConfig.MIN_LEASE) + " to "
                        + DurationConverter.format(RunnerConfig.MAX_LEASE) + ".")
                .contains("0 to " + DurationConverter.format(RunnerConfig.MAX_DRAIN) + ".")
                .contains("1s to " + DurationConverter.format(Bounds.MAX_TASK_TIMEOUT) + ".");
    }

    @Test
    void aPortInUseIsAUsageError(RedisFixture redis) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            expect(RunnerCli.withEnv(Map.of("REDIS_URL", redis.uri())).run("--http-port",
                    Integer.toString(taken.getLocalPort())), "--http-port " + taken.getLocalPort() + ": cannot listen");
        }
    }

    @Test
    void badPluginsAreRefusedBeforeAnythingStarts(RedisFixture redis, @TempDir Path dir) throws Exception {
        RunnerCli cli = RunnerCli.withEnv(Map.of("REDIS_URL", redis.uri()));
        expect(cli.run("--plugins", dir.resolve("missing").toString()), "--plugins " + dir.resolve("missing")
                + " is not a directory");

        Path notAJar = Files.createDirectory(dir.resolve("not-a-jar"));
        Files.writeString(notAJar.resolve("kinds.jar"), "not a jar at all");
        expect(cli.run("--plugins", notAJar.toString()), "kinds.jar is not a jar");

        Path twins = Files.createDirectory(dir.resolve("twins"));
        PluginJars.kind(twins, "one.jar", "One", "twin");
        PluginJars.kind(twins, "two.jar", "Two", "twin");
        expect(cli.run("--plugins", twins.toString()), "two task kinds are named 'twin': plug.One (one.jar) and"
                + " plug.Two (two.jar)");

        Path copies = Files.createDirectory(dir.resolve("copies"));
        Path jar = PluginJars.kind(copies, "a-1.0.jar", "Same", "same");
        Files.copy(jar, copies.resolve("a-1.1.jar"));
        expect(cli.run("--plugins", copies.toString()), "both a-1.0.jar and a-1.1.jar provide the task kind plug.Same");

        Path shadowing = Files.createDirectory(dir.resolve("shadowing"));
        PluginJars.kind(shadowing, "pi.jar", "MyPi", "pi");
        expect(cli.run("--plugins", shadowing.toString()), "two task kinds are named 'pi'");

        Path badName = Files.createDirectory(dir.resolve("bad-name"));
        PluginJars.kind(badName, "bad.jar", "Bad", "bad name!");
        expect(cli.run("--plugins", badName.toString()), "is named 'bad name!': a kind name is 1 to 64");

        Path longName = Files.createDirectory(dir.resolve("long-name"));
        PluginJars.kind(longName, "long.jar", "Long", "k".repeat(65));
        expect(cli.run("--plugins", longName.toString()), "a kind name is 1 to 64");

        Path missing = Files.createDirectory(dir.resolve("missing-class"));
        PluginJars.missingProvider(missing, "empty.jar");
        expect(cli.run("--plugins", missing.toString()), "cannot load a task kind");

        try (var redisClient = new redis.clients.jedis.Jedis(redis.server().host(), redis.server().port());
             dev.scatter.broker.Broker broker = dev.scatter.broker.Broker.connect(redis.uri())) {
            List<String> keys = new ArrayList<>(redisClient.keys("scatter:*{" + redis.queue() + "}*"));
            assertThat(keys).as("nothing started, nothing written").isEmpty();
            assertThat(broker.runners().live()).as("no runner of this queue ever beat")
                    .noneMatch(r -> r.queues().contains(redis.queue()));
        }
    }

    @Test
    void aGoodPluginLoads(RedisFixture redis, @TempDir Path dir) throws Exception {
        PluginJars.kind(dir, "ok.jar", "Ok", "my-kind.v2");
        RunnerCli.Started runner = RunnerCli.withEnv(Map.of("REDIS_URL", redis.uri()))
                .start("--plugins", dir.toString(), "--queue", redis.queue(), "--threads", "1");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> runner.log().contains("started") || runner.ended());
        RunnerCli.Run run = runner.stop();
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.log()).contains("my-kind.v2");
    }

    static void expect(RunnerCli.Run run, String message) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).as(run.toString()).contains(message);
        assertThat(run.all()).as("no stack trace\n" + run).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(run.err().strip().lines().count()).as("one line, two with a usage hint\n" + run)
                .isLessThanOrEqualTo(2);
        assertThat(run.err().length()).as("a short line\n" + run).isLessThan(600);
    }
}
