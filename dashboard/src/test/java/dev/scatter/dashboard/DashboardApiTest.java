package dev.scatter.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scatter.broker.Broker;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobSpec;
import dev.scatter.broker.JobState;
import dev.scatter.broker.QueueBacklog;
import dev.scatter.broker.TaskQueue;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import dev.scatter.kinds.sweep.SweepResults;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

/** The JSON API the pages read, against a real Redis, with a runner stepped by hand. */
@ExtendWith(RealRedis.class)
class DashboardApiTest {

    static Dashboard start(Broker broker, String queue) {
        return Dashboard.start(broker, new DashboardSettings("127.0.0.1", 0, List.of(queue), false, null));
    }

    @Test
    void overviewShowsWhatSubmitBacklogShowsAndTheRunningJob(RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri()); Dashboard dashboard = start(broker, redis.queue())) {
            Web web = new Web(dashboard);
            JobId job = broker.submit(JobSpec.of("pi", "{\"samples\":1000}", 10).withQueue(redis.queue()));
            FakeRunner runner = new FakeRunner(broker, redis.queue(), "pi").beat("fake-1", 3);
            runner.claim(3);
            runner.complete(2, t -> "{\"inside\":3,\"samples\":4,\"finishedAt\":" + t.index() + "}");
            runner.claim(1);
            runner.failAll("boom");

            TaskQueue queue = broker.queue(redis.queue());
            QueueBacklog backlog = queue.backlog();
            long dead = queue.deadCount();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                JsonNode o = web.json("/api/overview");
                JsonNode q = o.path("queues").get(0);
                assertThat(q.path("queue").asText()).isEqualTo(redis.queue());
                assertThat(q.path("ready").asLong()).isEqualTo(backlog.ready()).isEqualTo(6);
                assertThat(q.path("delayed").asLong()).isEqualTo(backlog.delayed()).isZero();
                assertThat(q.path("inFlight").asLong()).isEqualTo(backlog.inFlight()).isZero();
                assertThat(q.path("dead").asLong()).isEqualTo(dead).isEqualTo(2);
                assertThat(q.path("outstanding").asLong()).isEqualTo(backlog.outstanding());
                assertThat(o.path("runners").asInt()).isGreaterThanOrEqualTo(1);
                JsonNode running = o.path("running").get(0);
                assertThat(running.path("id").asText()).isEqualTo(job.toString());
                assertThat(running.path("done").asInt()).isEqualTo(4);
                assertThat(running.path("progress").asDouble()).isEqualTo(0.4);
            });
        }
    }

    @Test
    void jobsArePagedNewestFirstAndFilteredByState(RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri()); Dashboard dashboard = start(broker, redis.queue())) {
            Web web = new Web(dashboard);
            List<JobId> ids = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                ids.add(broker.submit(JobSpec.of("noop", "{}", 1).withQueue(redis.queue())));
            }
            for (int i = 0; i < 5; i++) {
                broker.cancel(ids.get(i * 3));
            }
            String q = "queue=" + redis.queue();
            JsonNode page = web.json("/api/jobs?" + q + "&size=10&page=1");
            assertThat(page.path("jobCount").asLong()).isEqualTo(30);
            // The order of `submit jobs`: newest first (jobs of one millisecond in the index's order).
            List<String> index = broker.queue(redis.queue()).jobs(30).stream().map(j -> j.id().toString()).toList();
            assertThat(index).containsExactlyInAnyOrderElementsOf(ids.stream().map(JobId::toString).toList());
            assertThat(ids(page)).isEqualTo(index.subList(10, 20));
            assertThat(page.path("more").asBoolean()).isTrue();
            JsonNode last = web.json("/api/jobs?" + q + "&size=10&page=2");
            assertThat(ids(last)).isEqualTo(index.subList(20, 30));
            assertThat(last.path("more").asBoolean()).isFalse();

            JsonNode cancelled = web.json("/api/jobs?" + q + "&state=cancelled&size=3");
            assertThat(cancelled.path("jobs")).hasSize(3);
            assertThat(cancelled.path("more").asBoolean()).isTrue();
            cancelled.path("jobs").forEach(j -> assertThat(j.path("state").asText()).isEqualTo("cancelled"));
            assertThat(web.json("/api/jobs?" + q + "&state=cancelled&size=3&page=1").path("jobs")).hasSize(2);
            assertThat(web.json("/api/jobs?" + q + "&state=queued&size=100").path("jobs")).hasSize(25);

            assertThat(web.get("/api/jobs?" + q + "&state=lost").statusCode()).isEqualTo(400);
            assertThat(web.get("/api/jobs?queue=bad%20name").statusCode()).isEqualTo(400);
            assertThat(web.get("/api/jobs?" + q + "&size=100000").statusCode()).isEqualTo(400);
        }
    }

    private static List<String> ids(JsonNode page) {
        List<String> shown = new ArrayList<>();
        page.path("jobs").forEach(j -> shown.add(j.path("id").asText()));
        return shown;
    }

    @Test
    void piEstimateGrowsWithEachCompletedTaskAndTheResultReplacesIt(RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri()); Dashboard dashboard = start(broker, redis.queue())) {
            Web web = new Web(dashboard);
            JobId job = broker.submit(JobSpec.of("pi", "{\"samples\":400}", 4).withQueue(redis.queue()));
            FakeRunner runner = new FakeRunner(broker, redis.queue(), "pi");
            runner.claim(4);
            runner.complete(1, t -> "{\"inside\":80,\"samples\":100,\"finishedAt\":1}");
            JsonNode view = web.json("/api/job?id=" + job).path("view");
            assertThat(view.path("renderer").asText()).isEqualTo("pi");
            assertThat(view.path("live").asBoolean()).isTrue();
            assertThat(view.path("points")).hasSize(1);
            assertThat(view.path("estimate").asDouble()).isEqualTo(3.2);
            double half = 1.96 * 4 * Math.sqrt(0.8 * 0.2 / 100);
            assertThat(view.path("low").asDouble()).isCloseTo(3.2 - half, org.assertj.core.data.Offset.offset(1e-12));

            runner.complete(3, t -> "{\"inside\":75,\"samples\":100,\"finishedAt\":2}");
            view = web.json("/api/job?id=" + job).path("view");
            assertThat(view.path("points")).hasSize(4);
            assertThat(view.path("estimate").asDouble()).isCloseTo(4 * 305 / 400.0, org.assertj.core.data.Offset.offset(1e-12));

            runner.reduce("{\"estimate\":3.05,\"ci95\":[3.0,3.1],\"samples\":400,\"running\":[{\"tasks\":4,\"samples\":400,"
                    + "\"estimate\":3.05,\"low\":3.0,\"high\":3.1}]}");
            JsonNode ended = web.json("/api/job?id=" + job);
            assertThat(ended.path("state").asText()).isEqualTo("succeeded");
            assertThat(ended.path("view").path("live").asBoolean()).isFalse();
            assertThat(ended.path("view").path("high").asDouble()).isEqualTo(3.1);
            assertThat(ended.path("timeline").findValuesAsText("event")).containsExactly("created", "started", "succeeded");
            assertThat(web.get("/api/job/result?format=json&id=" + job).body()).contains("\"estimate\":3.05");
            assertThat(web.get("/api/job/result?format=csv&id=" + job).statusCode()).isEqualTo(404);
            assertThat(ended.path("csv").asBoolean()).as("pi's result is no table").isFalse();
        }
    }

    @Test
    void aSweepResultDownloadsAsCsvAndShowsItsHeatmap(RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri()); Dashboard dashboard = start(broker, redis.queue())) {
            Web web = new Web(dashboard);
            JobId job = broker.submit(JobSpec.of("sweep", "{}", 2).withQueue(redis.queue()));
            new FakeRunner(broker, redis.queue(), "sweep").runToEnd(2, t -> "{}", SweepResults.FOUR_CELLS);
            JsonNode page = web.json("/api/job?id=" + job);
            assertThat(page.path("csv").asBoolean()).isTrue();
            JsonNode view = page.path("view");
            assertThat(view.path("renderer").asText()).isEqualTo("sweep");
            assertThat(view.path("ranked").get(0).path("rank").asInt()).isEqualTo(1);
            assertThat(view.path("heatmap").path("bestScore").asDouble()).isEqualTo(0.9);
            HttpResponse<String> csv = web.get("/api/job/result?format=csv&id=" + job);
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains(".csv");
            assertThat(csv.body()).startsWith("index,param_C,param_kernel,mean_test_score,std_test_score,rank_test_score,");
            assertThat(csv.body().lines()).hasSize(5);
        }
    }

    @Test
    void runnersAndDeadTasksAreListed(RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri()); Dashboard dashboard = start(broker, redis.queue())) {
            Web web = new Web(dashboard);
            JobId job = broker.submit(JobSpec.of("pi", "{}", 3).withQueue(redis.queue()));
            FakeRunner runner = new FakeRunner(broker, redis.queue(), "pi").beat("fake-runners-" + redis.queue(), 7);
            runner.claim(2);
            runner.failAll("it broke <b>here</b>");
            JsonNode runners = web.json("/api/runners").path("runners");
            JsonNode mine = null;
            for (JsonNode r : runners) {
                if (r.path("id").asText().equals("fake-runners-" + redis.queue())) {
                    mine = r;
                }
            }
            assertThat(mine).isNotNull();
            assertThat(mine.path("threads").asInt()).isEqualTo(7);
            assertThat(mine.path("host").asText()).isEqualTo("test-host");
            assertThat(mine.path("version").asText()).isEqualTo("9.9.9");
            assertThat(mine.path("uptimeMillis").asLong()).isGreaterThanOrEqualTo(90_000);

            // An entry that is not of the protocol's form: the next claim quarantines it as malformed.
            try (RedisClient raw = RedisClient.create(redis.uri())) {
                raw.lpush(broker.queue(redis.queue()).keys().ready(), "<img src=x onerror=alert(1)>");
            }
            runner.claim(1);
            JsonNode dead = web.json("/api/dead?queue=" + redis.queue());
            assertThat(dead.path("malformed").get(0).path("entry").asText()).isEqualTo("<img src=x onerror=alert(1)>");
            assertThat(dead.path("malformedCount").asLong()).isEqualTo(1);
            assertThat(dead.path("jobs").get(0).path("id").asText()).isEqualTo(job.toString());
            assertThat(dead.path("jobs").get(0).path("tasks")).hasSize(2);
            assertThat(dead.path("jobs").get(0).path("tasks").get(0).path("error").asText()).isEqualTo("it broke <b>here</b>");
            assertThat(web.json("/api/job?id=" + job).path("dead")).hasSize(2);
        }
    }

    @Test
    void anActionNeedsAPostFromTheDashboardsOwnPageWithItsToken(RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri()); Dashboard dashboard = start(broker, redis.queue())) {
            Web web = new Web(dashboard);
            JobId job = broker.submit(JobSpec.of("noop", "{}", 5).withQueue(redis.queue()));
            String token = web.json("/api/session").path("token").asText();
            assertThat(token).hasSizeGreaterThanOrEqualTo(32);
            String path = "/api/action/cancel?id=" + job;

            assertThat(web.get(path).statusCode()).isEqualTo(405);
            assertThat(web.post(path, Map.of()).statusCode()).isEqualTo(403);
            assertThat(web.post(path, Map.of("X-Scatter-Token", "wrong")).statusCode()).isEqualTo(403);
            assertThat(web.post(path, Map.of("X-Scatter-Token", token, "Origin", "http://evil.example")).statusCode())
                    .isEqualTo(403);
            assertThat(web.post(path, Map.of("X-Scatter-Token", token, "Sec-Fetch-Site", "cross-site")).statusCode())
                    .isEqualTo(403);
            assertThat(broker.status(job).orElseThrow().state()).isEqualTo(JobState.QUEUED);

            HttpResponse<String> ok = web.post(path, Map.of("X-Scatter-Token", token, "Origin", dashboard.url().replaceAll("/$", "")));
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            assertThat(broker.status(job).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
            assertThat(web.post(path, Map.of("X-Scatter-Token", token)).statusCode()).isEqualTo(409);
        }
    }

    @Test
    void retryMakesDeadTasksReadyAgain(RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri()); Dashboard dashboard = start(broker, redis.queue())) {
            Web web = new Web(dashboard);
            JobId job = broker.submit(JobSpec.of("pi", "{}", 2).withQueue(redis.queue()));
            FakeRunner runner = new FakeRunner(broker, redis.queue(), "pi");
            runner.claim(2);
            runner.failAll("flaky");
            String token = web.json("/api/session").path("token").asText();
            HttpResponse<String> retried = web.post("/api/action/retry?id=" + job, Map.of("X-Scatter-Token", token));
            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
            assertThat(Web.read(retried.body()).path("retried").asInt()).isEqualTo(2);
            assertThat(broker.queue(redis.queue()).backlog().ready()).isEqualTo(2);
        }
    }

    @Test
    void aReadOnlyDashboardGivesNoTokenAndActsOnNothing(RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri());
             Dashboard dashboard = Dashboard.start(broker, new DashboardSettings("127.0.0.1", 0, List.of(redis.queue()), true, null))) {
            Web web = new Web(dashboard);
            JobId job = broker.submit(JobSpec.of("noop", "{}", 1).withQueue(redis.queue()));
            JsonNode session = web.json("/api/session");
            assertThat(session.path("readOnly").asBoolean()).isTrue();
            assertThat(session.has("token")).isFalse();
            assertThat(web.post("/api/action/cancel?id=" + job, Map.of("X-Scatter-Token", "anything-at-all-here")).statusCode())
                    .isEqualTo(403);
            assertThat(broker.status(job).orElseThrow().state()).isEqualTo(JobState.QUEUED);
        }
    }

    @Test
    void aTokenGivenByTheUserIsNeverHandedOutAndIsNeeded(RedisFixture redis) {
        String token = "a-token-of-the-users-own-0123456789";
        try (Broker broker = Broker.connect(redis.uri());
             Dashboard dashboard = Dashboard.start(broker, new DashboardSettings("127.0.0.1", 0, List.of(redis.queue()), false, token))) {
            Web web = new Web(dashboard);
            JobId job = broker.submit(JobSpec.of("noop", "{}", 1).withQueue(redis.queue()));
            JsonNode session = web.json("/api/session");
            assertThat(session.path("tokenRequired").asBoolean()).isTrue();
            assertThat(session.toString()).doesNotContain(token);
            assertThat(web.post("/api/action/cancel?id=" + job, Map.of()).statusCode()).isEqualTo(403);
            assertThat(web.post("/api/action/cancel?id=" + job, Map.of("X-Scatter-Token", token)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void onLoopbackOnlyRequestsNamingThisHostAreServed(RedisFixture redis) throws Exception {
        try (Broker broker = Broker.connect(redis.uri()); Dashboard dashboard = start(broker, redis.queue())) {
            Web web = new Web(dashboard);
            // A page elsewhere that rebinds its own name to 127.0.0.1 sends that name as Host.
            assertThat(web.rawGet("/api/session", "attacker.example:" + dashboard.port())).startsWith("HTTP/1.1 403");
            assertThat(web.rawGet("/api/session", "localhost:" + dashboard.port())).startsWith("HTTP/1.1 200");
            assertThat(web.rawGet("/api/session", "127.0.0.1")).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void bindingBeyondLoopbackNeedsReadOnlyOrAToken() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        new DashboardSettings("0.0.0.0", 0, List.of("default"), false, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--read-only");
        new DashboardSettings("0.0.0.0", 0, List.of("default"), true, null);
        new DashboardSettings("0.0.0.0", 0, List.of("default"), false, "0123456789abcdef");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        new DashboardSettings("0.0.0.0", 0, List.of("default"), false, "short"))
                .hasMessageContaining("at least 16");
    }

    @Test
    void pagesAndChartsComeFromTheJarWithAStrictPolicy(RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri()); Dashboard dashboard = start(broker, redis.queue())) {
            Web web = new Web(dashboard);
            for (String path : List.of("/", "/jobs", "/job?id=x", "/runners", "/dead", "/static/app.js", "/static/kinds.js",
                    "/vendor/uplot/uPlot.iife.min.js", "/vendor/uplot/uPlot.min.css")) {
                HttpResponse<String> page = web.get(path);
                assertThat(page.statusCode()).as(path).isEqualTo(200);
                assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
                assertThat(page.body()).as(path).doesNotContain("src=\"http").doesNotContain("href=\"http");
            }
            assertThat(web.get("/static/../pom.xml").statusCode()).isEqualTo(404);
            assertThat(web.get("/livez").statusCode()).isEqualTo(200);
            assertThat(web.get("/healthz").statusCode()).isEqualTo(200);
        }
    }
}
