package dev.scatter.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scatter.broker.Broker;
import dev.scatter.broker.BrokerOptions;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobState;
import dev.scatter.broker.RedisUri;
import dev.scatter.broker.testing.HardPasswords;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisBackend;
import dev.scatter.localredis.FreePort;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every path by which a runner can print a Redis URI, with passwords holding each of / ? # @ % : and a space:
 * its text and JSON logs while it serves a job, rides out an outage and stops; /metrics, /backlog and /readyz;
 * a wrong password; every mistyped form; through --redis and REDIS_URL. No piece of a password may appear.
 */
class RunnerSecretsTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aRunnerServingAJobShowsNoPasswordAnywhere() throws Exception {
        int n = 0;
        for (String password : HardPasswords.ALL) {
            try (RedisBackend redis = RealRedis.create(false, password)) {
                String address = redis.host() + ":" + redis.port();
                List<String> uris = HardPasswords.validUris(password, address);
                String uri = uris.get(n % uris.size());
                String format = n % 2 == 0 ? "text" : "json";
                boolean viaEnv = n % 3 == 0;
                n++;
                int port = FreePort.pick();
                String queue = "secrets-" + n;
                List<String> args = new ArrayList<>(List.of("--queue", queue, "--threads", "2", "--log-format", format,
                        "--http-port", Integer.toString(port), "--lease", "2s"));
                if (!viaEnv) {
                    args.addAll(List.of("--redis", uri));
                }
                RunnerCli cli = RunnerCli.withEnv(viaEnv ? Map.of("REDIS_URL", uri) : Map.of());
                RunnerCli.Started runner = cli.start(args.toArray(String[]::new));
                List<String> served = new ArrayList<>();
                try (Broker broker = Broker.connect(RedisUri.parse(uris.get(0)), BrokerOptions.DEFAULTS)) {
                    JobId id = PiJobs.submit(broker, queue, 200_000, 4, 1);
                    await().atMost(Duration.ofSeconds(60))
                            .until(() -> broker.status(id).orElseThrow().state().isTerminal() || runner.ended());
                    assertThat(broker.status(id).orElseThrow().state()).as(runner.log()).isEqualTo(JobState.SUCCEEDED);
                    await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                            .until(() -> get(port, "/readyz").statusCode() == 200);
                    for (String path : List.of("/metrics", "/backlog", "/readyz", "/healthz")) {
                        served.add(get(port, path).body());
                    }
                    if (password.equals(HardPasswords.EVERY)) {
                        // An outage: what the runner says while Redis is gone, and when it is back.
                        redis.stop();
                        await().atMost(Duration.ofSeconds(30)).until(() -> runner.log().contains("unavailable"));
                        served.add(get(port, "/readyz").body());
                        redis.start();
                        await().atMost(Duration.ofSeconds(60)).until(() -> runner.log().contains("available again"));
                    }
                }
                RunnerCli.Run run = runner.stop();
                assertThat(run.exitCode()).as(run.toString()).isZero();
                assertThat(run.log()).as("it logged").contains("started");
                assertThat(HardPasswords.leaks(run.all())).as(run.toString()).isFalse();
                assertThat(served).allSatisfy(body -> assertThat(HardPasswords.leaks(body)).as(body).isFalse());
                assertThat(served.get(0)).contains("scatter_");

                // A wrong password: the runner stops at once with exit 3, and shows neither password.
                String wrong = "redis://:" + HardPasswords.encoded(password + "x") + "@" + address;
                RunnerCli.Run refused = RunnerCli.withEnv(Map.of()).run("--redis", wrong, "--log-format", format);
                assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
                assertThat(refused.all()).contains("refused the credentials");
                assertThat(HardPasswords.leaks(refused.all())).as(refused.toString()).isFalse();
            }
        }
    }

    @Test
    void mistypedUrisNeverShowThePassword() throws Exception {
        for (String password : HardPasswords.ALL) {
            for (String uri : HardPasswords.malformedUris(password, "127.0.0.1:" + FreePort.pick())) {
                for (RunnerCli.Run run : List.of(
                        RunnerCli.withEnv(Map.of()).run("--redis", uri),
                        RunnerCli.withEnv(Map.of("REDIS_URL", uri)).run("--log-format", "json"),
                        RunnerCli.withEnv(Map.of()).run("--redis=" + uri, "--threads", "0"),
                        RunnerCli.withEnv(Map.of()).run("--redsi", uri))) {
                    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
                    assertThat(run.err().strip().lines().count()).as(run.toString()).isLessThanOrEqualTo(2);
                    assertThat(HardPasswords.leaks(run.all())).as(run.toString()).isFalse();
                }
            }
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
