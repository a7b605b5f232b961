package dev.scatter.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scatter.broker.testing.DedicatedRedis;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import dev.scatter.localredis.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's jars run with the image's entry point, command and environment (ImageRoot lays them out from the
 * Dockerfile), against a real Redis: both commands start, the default command is a runner that serves HTTP,
 * answers the Compose health check, runs a job submitted through the same entry point, and on SIGTERM, which
 * reaches the JVM itself, drains and exits 0. The submit lines of the Compose file and of the Kubernetes Job
 * are run the same way.
 */
@ExtendWith(RealRedis.class)
class ImageEntrypointTest {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(40);

    @TempDir
    static Path imageDir;

    private static Dockerfile dockerfile;
    private static ImageRoot image;

    @BeforeAll
    static void layOutTheImage() {
        dockerfile = Dockerfile.read(Repo.file("Dockerfile"));
        image = new ImageRoot(dockerfile, imageDir);
    }

    @Test
    void bothCommandsStartAndAnUnknownOneIsRefused() throws Exception {
        Run runnerHelp = run(image.command("runner", "--help"), Map.of());
        assertThat(runnerHelp.exit).as(runnerHelp.output).isZero();
        assertThat(runnerHelp.output).contains("--http-port", "--drain");

        Run submitHelp = run(image.command("submit", "--help"), Map.of());
        assertThat(submitHelp.exit).as(submitHelp.output).isZero();
        assertThat(submitHelp.output).contains("sweep", "backlog");

        Run unknown = run(image.command("frobnicate"), Map.of());
        assertThat(unknown.exit).as(unknown.output).isEqualTo(2);
        assertThat(unknown.output).contains("unknown command");
    }

    /** `docker compose run --rm submit ARGS`: the service's entry point and default command, as Compose runs them. */
    @Test
    void theComposeSubmitServiceStarts() throws Exception {
        JsonNode submit = Yaml.read(Repo.file("docker-compose.yml")).path("services").path("submit");
        List<String> command = new ArrayList<>(KubernetesManifestsTest.texts(submit.path("entrypoint")));
        command.addAll(KubernetesManifestsTest.texts(submit.path("command")));
        Run help = run(image.process(command, Map.of()));
        assertThat(help.exit).as(help.output).isZero();
        assertThat(help.output).contains("Usage: submit");
    }

    @Test
    void theDefaultCommandIsARunnerThatServesJobsAndStopsCleanlyOnSigterm(@DedicatedRedis RedisFixture redis)
            throws Exception {
        // The image's SCATTER_HTTP_PORT (8080) may be taken on a shared machine; `docker run -e` would change it too.
        int httpPort = FreePort.pick();
        Map<String, String> env = Map.of("REDIS_URL", redis.uri(), "SCATTER_HTTP_PORT", Integer.toString(httpPort));
        Path log = Files.createTempFile(imageDir, "runner-", ".log");
        Process runner = image.process(image.defaultCommand(), env).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            awaitHealthy(env, runner, log);
            // Alive (the health check) comes before ready: the runner answers /healthz while it connects to Redis.
            await("ready").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> get(httpPort, "/readyz").statusCode() == 200);
            assertJvmRunsInTheEntryPointsPlace(runner, httpPort);

            Run pi = run(image.command("submit", "pi", "--samples", "4000000", "--tasks", "8", "--seed", "7", "--json"), env);
            assertThat(pi.exit).as(pi.output + "\nrunner:\n" + read(log)).isZero();
            JsonNode result = new ObjectMapper().readTree(pi.output.substring(pi.output.indexOf('{')));
            assertThat(result.path("state").asText()).as(pi.output).isEqualTo("succeeded");

            // The runner refreshes its backlog figures periodically: the finished job leaves them shortly after.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    new ObjectMapper().readTree(get(httpPort, "/backlog").body()).path("outstanding").asLong(-1)).isZero());

            long started = System.nanoTime();
            runner.destroy();
            assertThat(runner.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .as("stopped after SIGTERM:\n" + read(log)).isTrue();
            assertThat(runner.exitValue()).as(read(log)).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(STOP_TIMEOUT);
        } finally {
            runner.descendants().forEach(ProcessHandle::destroyForcibly);
            runner.destroyForcibly();
        }
    }

    /** The Kubernetes Job's exact submit line, through the entry point: submit accepts the sweep it describes. */
    @Test
    void theKubernetesSweepJobsAreAcceptedBySubmit(RedisFixture redis) throws Exception {
        for (String kustomization : List.of("base", "overlays/large-sweep")) {
            JsonNode template = Rendered.of(kustomization).get("Job", "scatter-sweep").path("spec").path("template");
            List<String> args = new ArrayList<>(KubernetesManifestsTest.texts(
                    KubernetesManifestsTest.container(template, "submit").path("args")));
            // No runner serves this test's queue: the sweep is only submitted, not run.
            args.addAll(List.of("--no-wait", "--queue", redis.queue()));
            Run submitted = run(image.command(args.toArray(String[]::new)), Map.of("REDIS_URL", redis.uri()));
            assertThat(submitted.exit).as(kustomization + ": " + submitted.output).isZero();
        }
    }

    /**
     * The Compose dashboard's command, through the entry point: the kinds are in the submit jar, so the dashboard
     * shows a pi job as the pi kind says (its running estimate), not as JSON.
     */
    @Test
    void theComposeDashboardShowsAJobAsItsKindSays(RedisFixture redis) throws Exception {
        Map<String, String> env = Map.of("REDIS_URL", redis.uri());
        Run pi = run(image.command("submit", "pi", "--samples", "40000", "--tasks", "4", "--seed", "7", "--local", "2",
                "--queue", redis.queue(), "--json"), env);
        assertThat(pi.exit).as(pi.output).isZero();
        String job = new ObjectMapper().readTree(pi.output.substring(pi.output.indexOf('{'))).path("id").asText();

        JsonNode dashboard = Yaml.read(Repo.file("docker-compose.yml")).path("services").path("dashboard");
        List<String> command = new ArrayList<>(KubernetesManifestsTest.texts(dashboard.path("command")));
        // This machine's loopback, a free port and the test's queue in place of the container's.
        int port = FreePort.pick();
        command.set(command.indexOf("--bind") + 1, "127.0.0.1");
        command.set(command.indexOf("--port") + 1, Integer.toString(port));
        command.set(command.indexOf("--queue") + 1, redis.queue());
        Path log = Files.createTempFile(imageDir, "dashboard-", ".log");
        // The service names no entry point of its own: the image's runs its command.
        Process served = image.process(image.command(command.toArray(String[]::new)), env).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
                assertThat(served.isAlive()).as("the dashboard exited:\n" + read(log)).isTrue();
                assertThat(get(port, "/livez").statusCode()).isEqualTo(200);
            });
            JsonNode page = new ObjectMapper().readTree(get(port, "/api/job?id=" + job).body());
            assertThat(page.path("state").asText()).as(read(log)).isEqualTo("succeeded");
            assertThat(page.path("view").path("renderer").asText()).as(page.toString()).isEqualTo("pi");
            assertThat(page.path("view").path("points").size()).isEqualTo(4);
            assertThat(page.path("view").path("estimate").asDouble())
                    .isEqualTo(page.path("result").path("estimate").asDouble());
        } finally {
            served.destroyForcibly();
            served.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    // ---- helpers ----

    /** The Compose file's health check command, run in the image's environment, until it passes. */
    private static void awaitHealthy(Map<String, String> env, Process runner, Path log) throws Exception {
        JsonNode test = Yaml.read(Repo.file("docker-compose.yml")).path("services").path("runner").path("healthcheck")
                .path("test");
        List<String> words = KubernetesManifestsTest.texts(test);
        assertThat(words).first().isEqualTo("CMD");
        List<String> check = words.subList(1, words.size());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Run last = null;
        while (System.nanoTime() < deadline) {
            assertThat(runner.isAlive()).as("the runner exited:\n" + read(log)).isTrue();
            last = run(image.process(check, env));
            if (last.exit == 0) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the health check never passed: " + last.output + "\nrunner:\n" + read(log));
    }

    /** exec in the entry point: the process started is the JVM, with the image's JVM flags and the HTTP port. */
    private static void assertJvmRunsInTheEntryPointsPlace(Process runner, int httpPort) throws IOException {
        Path cmdline = Path.of("/proc", Long.toString(runner.pid()), "cmdline");
        if (!Files.exists(cmdline)) {
            return; // not Linux: nothing to read the command line from
        }
        List<String> argv = Arrays.asList(Files.readString(cmdline, StandardCharsets.UTF_8).split("\0"));
        assertThat(argv.get(0)).as("PID of the started process is the JVM's (bash exec'd it)").endsWith("java");
        for (String option : image.environment().get("JAVA_OPTS").split("\\s+")) {
            assertThat(argv).contains(option);
        }
        String runnerJar = ImageRoot.copiedFromBuild(dockerfile).get("runner/target/scatter-runner-all.jar");
        assertThat(argv).containsSubsequence("-jar", image.inside(runnerJar).toString());
        assertThat(argv).containsSubsequence("--http-port", Integer.toString(httpPort));
        assertThat(runner.descendants().count()).as("no other process in between or beside").isZero();
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private record Run(int exit, String output) {
    }

    private static Run run(List<String> command, Map<String, String> env) throws Exception {
        return run(image.process(command, env));
    }

    private static Run run(ProcessBuilder builder) throws Exception {
        Process process = builder.redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(builder.command() + " did not finish");
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
