package dev.scatter.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scatter.broker.Broker;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobState;
import dev.scatter.broker.JobStatus;
import dev.scatter.broker.testing.DedicatedRedis;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import dev.scatter.localredis.FreePort;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Many hosts, simulated: runner processes (separate JVMs) against one Redis share the tasks of a job, and
 * answer health, readiness and metrics over HTTP as an orchestrator would ask.
 */
@ExtendWith(RealRedis.class)
class ManyRunnersTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theTasksOfOneJobSpreadOverEveryRunnerAndEachAnswersOverHttp(RedisFixture redis) throws Exception {
        int runners = 3;
        List<RunnerProcess> processes = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try (Broker broker = Broker.connect(redis.uri())) {
            for (int i = 0; i < runners; i++) {
                int port = FreePort.pick();
                ports.add(port);
                processes.add(RunnerProcess.start(redis.uri(), "--queue", redis.queue(), "--threads", "1",
                        "--name", "host-" + i, "--http-port", Integer.toString(port)));
            }
            for (int port : ports) {
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> get(port, "/readyz").statusCode() == 200);
                assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);
            }

            JobId id = PiJobs.submit(broker, redis.queue(), 30L * 100_000_000L, 30, 5);
            await().atMost(Duration.ofMinutes(2)).until(() -> broker.status(id).orElseThrow().state().isTerminal());
            JobStatus status = broker.status(id).orElseThrow();
            assertThat(status.state()).isEqualTo(JobState.SUCCEEDED);
            JsonNode result = JSON.readTree(status.result());
            assertThat(result.path("runners").asInt()).as("every runner took part").isEqualTo(runners);
            assertThat(result.path("inside").asLong()).isEqualTo(PiJobs.expectedInside(30L * 100_000_000L, 30, 5));

            long completed = 0;
            for (int port : ports) {
                String metrics = get(port, "/metrics").body();
                assertThat(metrics).contains("scatter_tasks_claimed_total").contains("scatter_task_duration_seconds")
                        .contains("scatter_queue_backlog{queue=\"" + redis.queue() + "\",state=\"ready\"}")
                        .contains("scatter_leases_renewed_total").contains("scatter_tasks_in_flight");
                completed += counter(metrics, "scatter_tasks_completed_total");
            }
            assertThat(completed).as("completions reported across runners (reduce included)").isEqualTo(31);
            JsonNode backlog = JSON.readTree(get(ports.get(0), "/backlog").body());
            assertThat(backlog.path("queues").has(redis.queue())).isTrue();
            assertThat(backlog.path("outstanding").isNumber()).isTrue();
        } finally {
            processes.forEach(RunnerProcess::close);
        }
    }

    @Test
    void readinessTurnsFalseWhileRedisIsDownAndWhileDraining(@DedicatedRedis RedisFixture redis) throws Exception {
        int port = FreePort.pick();
        try (RunnerProcess runner = RunnerProcess.start(redis.uri(), "--queue", redis.queue(), "--threads", "1",
                "--lease", "5s", "--drain", "20s", "--http-port", Integer.toString(port))) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> get(port, "/readyz").statusCode() == 200);

            redis.server().kill();
            await().atMost(Duration.ofSeconds(15)).until(() -> get(port, "/readyz").statusCode() == 503);
            assertThat(get(port, "/readyz").body()).contains("redis unavailable");
            assertThat(get(port, "/healthz").statusCode()).as("alive all the same").isEqualTo(200);
            redis.server().start();
            await().atMost(Duration.ofSeconds(15)).until(() -> get(port, "/readyz").statusCode() == 200);

            // A task of a few seconds keeps the runner draining after SIGTERM.
            try (Broker broker = Broker.connect(redis.uri())) {
                PiJobs.submit(broker, redis.queue(), 4_000_000_000L, 1, 9);
                await().atMost(Duration.ofSeconds(15)).until(() -> broker.queue(redis.queue()).backlog().inFlight() == 1);
            }
            ProcessHandle.of(runner.pid()).orElseThrow().destroy();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> get(port, "/readyz").body().contains("draining"));
        }
    }

    @Test
    void aRunnerWaitingForRedisAtStartIsAliveButNotReady() throws Exception {
        int port = FreePort.pick();
        try (RunnerProcess runner = RunnerProcess.start("redis://127.0.0.1:" + FreePort.pick(), "--http-port",
                Integer.toString(port))) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> get(port, "/healthz").statusCode() == 200);
            HttpResponse<String> ready = get(port, "/readyz");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("connecting to Redis");
            assertThat(runner.terminate(15)).as("SIGTERM while waiting for Redis").isZero();
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long counter(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
