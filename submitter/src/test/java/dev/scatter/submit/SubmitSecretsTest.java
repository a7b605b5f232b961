package dev.scatter.submit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scatter.broker.testing.HardPasswords;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisBackend;
import dev.scatter.localredis.FreePort;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every path by which submit can print a Redis URI, with passwords holding each of / ? # @ % : and a space:
 * valid URIs (a job run end to end with a local runner, then every command that reads it, in text and JSON),
 * a wrong password, an unreachable port, every mistyped form, a URI given to a mistyped option; through --redis
 * and REDIS_URL. Nothing printed on stdout, stderr or the log may hold any piece of the password.
 */
class SubmitSecretsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream realErr;
    private final List<String> seen = new ArrayList<>();

    /** The in-process runner logs to System.err: it is read too. */
    @BeforeEach
    void captureTheLog() {
        realErr = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(realErr);
    }

    @Test
    void aJobRunsAndIsFollowedWithoutShowingThePassword() throws Exception {
        for (String password : HardPasswords.ALL) {
            try (RedisBackend redis = RealRedis.create(false, password)) {
                String address = redis.host() + ":" + redis.port();
                List<String> uris = HardPasswords.validUris(password, address);
                for (int i = 0; i < uris.size(); i++) {
                    String uri = uris.get(i);
                    // Through --redis and through REDIS_URL, in turn.
                    Supplier<Cli> cli = i % 2 == 0 ? Cli::withoutRedis : () -> Cli.withRedis(uri);
                    String[] redisOption = i % 2 == 0 ? new String[] {"--redis", uri} : new String[0];
                    String queue = "secrets-" + i;

                    Cli.Run pi = run(cli.get(), redisOption, "pi", "--samples", "2000", "--tasks", "2", "--local", "1",
                            "--queue", queue, "--json");
                    assertThat(pi.exitCode()).as(uri + "\n" + pi).isZero();
                    String id = JSON.readTree(pi.out()).path("id").asText();
                    expectZero(run(cli.get(), redisOption, "pi", "--samples", "2000", "--tasks", "2", "--local", "1",
                            "--queue", queue));
                    for (String[] command : List.of(
                            new String[] {"status", id}, new String[] {"status", id, "--json"},
                            new String[] {"wait", id}, new String[] {"result", id, "--json"},
                            new String[] {"jobs", "--queue", queue}, new String[] {"jobs", "--queue", queue, "--json"},
                            new String[] {"runners"}, new String[] {"runners", "--json"},
                            new String[] {"backlog", "--queue", queue, "--json"}, new String[] {"dead", "--queue", queue},
                            new String[] {"retry", id})) {
                        Cli.Run run = run(cli.get(), redisOption, command);
                        assertThat(run.exitCode()).as(String.join(" ", command) + "\n" + run).isIn(0, 2);
                    }
                }
                // A wrong password, in both forms: refused, exit 3, and neither password shown.
                String wrong = "redis://:" + HardPasswords.encoded(password + "x") + "@" + address;
                expect(run(Cli.withRedis(wrong), new String[0], "jobs"), 3, "refused the credentials");
                expect(run(Cli.withoutRedis(), new String[] {"--redis", wrong}, "pi", "--local", "1", "--json"), 3,
                        "refused the credentials");
                // No password at all.
                expect(run(Cli.withRedis("redis://" + address), new String[0], "jobs"), 3, "requires a password");
            }
        }
        assertClean();
    }

    @Test
    void unreachableAndMistypedUrisNeverShowThePassword() {
        int closed = FreePort.pick();
        for (String password : HardPasswords.ALL) {
            for (String uri : HardPasswords.validUris(password, "127.0.0.1:" + closed)) {
                expect(run(Cli.withRedis(uri), new String[0], "status", "abc"), 3, "127.0.0.1:" + closed);
                expect(run(Cli.withoutRedis(), new String[] {"--redis", uri}, "pi", "--json", "--samples", "10",
                        "--tasks", "1"), 3, "connection refused");
                expect(run(Cli.withoutRedis(), new String[] {"--redis", uri}, "sweep", "--data", "demo:rgba",
                        "--param", "C=1"), 3, "connection refused");
            }
            for (String uri : HardPasswords.malformedUris(password, "127.0.0.1:" + closed)) {
                expect(run(Cli.withRedis(uri), new String[0], "jobs"), 2, "URI");
                expect(run(Cli.withRedis(uri), new String[0], "pi", "--json", "--local", "1"), 2, "URI");
                expect(run(Cli.withoutRedis(), new String[] {"--redis", uri}, "status", "abc", "--json"), 2, "URI");
                expect(run(Cli.withoutRedis(), new String[] {"--redis=" + uri}, "wait", "abc"), 2, "URI");
                // A URI given to a mistyped option is echoed by the parser as an unknown argument: masked.
                expect(run(Cli.withoutRedis(), new String[] {"--redsi", uri}, "jobs"), 2, "Unknown option");
                expect(run(Cli.withoutRedis(), new String[0], "jobs", "--queue", uri), 2, "'--queue'");
            }
        }
        assertClean();
    }

    private Cli.Run run(Cli cli, String[] before, String... args) {
        String[] all = new String[before.length + args.length];
        System.arraycopy(before, 0, all, 0, before.length);
        System.arraycopy(args, 0, all, before.length, args.length);
        Cli.Run run = cli.run(all);
        seen.add(String.join(" ", all).replaceAll("leftHALF|rightHALF", "...") + "\n" + run);
        assertThat(HardPasswords.leaks(run.out() + run.err()))
                .as("output of submit " + String.join(" ", all) + "\n" + run).isFalse();
        return run;
    }

    private static void expectZero(Cli.Run run) {
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    private static void expect(Cli.Run run, int code, String message) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(code);
        assertThat(run.err()).as(run.toString()).contains(message).doesNotContain("\tat ");
        assertThat(run.err().strip().lines().count()).as(run.toString()).isLessThanOrEqualTo(2);
    }

    private void assertClean() {
        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(HardPasswords.leaks(logged)).as("the log:\n" + logged).isFalse();
        assertThat(seen).isNotEmpty();
    }
}
