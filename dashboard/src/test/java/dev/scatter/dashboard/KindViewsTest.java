package dev.scatter.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.broker.Broker;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobSpec;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import dev.scatter.task.DashboardJob;
import dev.scatter.task.DashboardView;
import dev.scatter.task.ReduceContext;
import dev.scatter.task.TaskContext;
import dev.scatter.task.TaskKind;
import dev.scatter.task.TaskKinds;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The job page shows a result as its kind says: a kind with no view, or one the dashboard does not have, shows it
 * as JSON; a plug-in's kind given to the dashboard draws its own figures and gives its CSV; a view that fails
 * leaves the page its JSON.
 */
@ExtendWith(RealRedis.class)
class KindViewsTest {

    @Test
    void aJobOfAKindWithNoViewShowsItsResultAsJson(RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri()); Dashboard dashboard = DashboardApiTest.start(broker, redis.queue())) {
            Web web = new Web(dashboard);
            // noop is on the dashboard's class path and has no view; collatz (a plug-in's) is not there at all.
            for (String kind : List.of("noop", "collatz")) {
                JobId job = broker.submit(JobSpec.of(kind, "{}", 2).withQueue(redis.queue()));
                assertThat(web.json("/api/job?id=" + job).path("view").toString()).as(kind)
                        .isEqualTo("{\"renderer\":\"json\"}");
                new FakeRunner(broker, redis.queue(), kind).runToEnd(2, t -> "{}", "{\"steps\":[1,2,3]}");
                JsonNode page = web.json("/api/job?id=" + job);
                assertThat(page.path("view").toString()).as(kind).isEqualTo("{\"renderer\":\"json\"}");
                assertThat(page.path("result").path("steps")).as(kind).hasSize(3);
                assertThat(page.path("csv").asBoolean()).as(kind).isFalse();
                assertThat(web.get("/api/job/result?format=csv&id=" + job).statusCode()).as(kind).isEqualTo(404);
                assertThat(web.get("/api/job/result?format=json&id=" + job).body()).as(kind).contains("\"steps\"");
            }
        }
    }

    @Test
    void aPluginsKindGivenToTheDashboardShowsItsOwnView(RedisFixture redis) {
        TaskKinds kinds = TaskKinds.load(getClass().getClassLoader()).with(new TableKind()).with(new BrokenViewKind());
        try (Broker broker = Broker.connect(redis.uri());
             Dashboard dashboard = Dashboard.start(broker, DashboardSettings.local(List.of(redis.queue())).withPort(0), kinds)) {
            Web web = new Web(dashboard);
            JobId table = broker.submit(JobSpec.of(TableKind.NAME, "{}", 3).withQueue(redis.queue()));
            FakeRunner runner = new FakeRunner(broker, redis.queue(), TableKind.NAME, BrokenViewKind.NAME);
            runner.claim(3);
            runner.complete(2, t -> "{\"n\":" + t.index() + "}");
            assertThat(web.json("/api/job?id=" + table).path("view").toString())
                    .as("the view reads the partial results recorded so far").isEqualTo("{\"renderer\":\"json\",\"done\":2}");
            runner.complete(1, t -> "not JSON");
            assertThat(web.json("/api/job?id=" + table).path("view").path("done").asInt())
                    .as("a partial result that is not JSON is left out").isEqualTo(2);
            runner.reduce("{\"rows\":[\"a\",\"b\"]}");
            JsonNode page = web.json("/api/job?id=" + table);
            assertThat(page.path("csv").asBoolean()).isTrue();
            HttpResponse<String> csv = web.get("/api/job/result?format=csv&id=" + table);
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.body()).isEqualTo("row\na\nb\n");

            JobId broken = broker.submit(JobSpec.of(BrokenViewKind.NAME, "{}", 1).withQueue(redis.queue()));
            new FakeRunner(broker, redis.queue(), BrokenViewKind.NAME).runToEnd(1, t -> "{}", "{\"x\":1}");
            JsonNode shown = web.json("/api/job?id=" + broken);
            assertThat(shown.path("view").toString()).isEqualTo("{\"renderer\":\"json\"}");
            assertThat(shown.path("csv").asBoolean()).isFalse();
            assertThat(web.get("/api/job/result?format=csv&id=" + broken).statusCode()).isEqualTo(404);
        }
    }

    /** A plug-in's kind as the dashboard sees it: its view counts the tasks done and gives its rows as CSV. */
    static final class TableKind extends NothingToRun {
        static final String NAME = "table";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public DashboardView dashboardView() {
            return new DashboardView() {
                @Override
                public ObjectNode figures(DashboardJob job) {
                    return JsonNodeFactory.instance.objectNode().put("renderer", "json").put("done", job.partials().size());
                }

                @Override
                public String csv(JsonNode result) {
                    StringBuilder out = new StringBuilder("row\n");
                    result.path("rows").forEach(r -> out.append(r.asText()).append('\n'));
                    return out.toString();
                }
            };
        }
    }

    /** A kind whose view throws whatever it is asked. */
    static final class BrokenViewKind extends NothingToRun {
        static final String NAME = "broken-view";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public DashboardView dashboardView() {
            return new DashboardView() {
                @Override
                public ObjectNode figures(DashboardJob job) {
                    throw new IllegalStateException("this view always fails");
                }

                @Override
                public String csv(JsonNode result) {
                    throw new IllegalStateException("this CSV always fails");
                }
            };
        }
    }

    /** The runner's part of a kind, which a dashboard never calls: the test's FakeRunner completes the tasks. */
    private abstract static class NothingToRun implements TaskKind {
        @Override
        public ObjectNode prepare(ObjectNode params, int tasks) {
            return params;
        }

        @Override
        public JsonNode run(TaskContext task) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonNode reduce(ReduceContext job) {
            throw new UnsupportedOperationException();
        }
    }
}
