package dev.scatter.kinds.pi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.task.DashboardJob;
import dev.scatter.task.ReduceContext;
import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The pi job on a dashboard: the estimate with its 95% band after each completed task while the job runs, the
 * same curve the reduce records, and the result's own curve once the job has succeeded.
 */
class PiDashboardViewTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LIMIT = 20_000;

    private final SortedMap<Integer, JsonNode> recorded = new TreeMap<>();

    private DashboardJob running(int tasks, Supplier<SortedMap<Integer, JsonNode>> partials) {
        return new DashboardJob("default:abc", "running", tasks, JSON.createObjectNode().put("samples", 400)
                .put("seed", 7), null, LIMIT, partials);
    }

    private void complete(int task, long inside, long samples, long finishedAt) {
        recorded.put(task, JSON.createObjectNode().put("inside", inside).put("samples", samples)
                .put("finishedAt", finishedAt));
    }

    @Test
    void theEstimateGrowsWithEachCompletedTask() {
        complete(0, 80, 100, 1);
        ObjectNode view = new PiKind().dashboardView().figures(running(4, () -> recorded));
        assertThat(view.path("renderer").asText()).isEqualTo("pi");
        assertThat(view.path("live").asBoolean()).isTrue();
        assertThat(view.path("points")).hasSize(1);
        assertThat(view.path("estimate").asDouble()).isEqualTo(3.2);
        double half = 1.96 * 4 * Math.sqrt(0.8 * 0.2 / 100);
        assertThat(view.path("low").asDouble()).isCloseTo(3.2 - half, offset(1e-12));
        assertThat(view.path("high").asDouble()).isCloseTo(3.2 + half, offset(1e-12));
        assertThat(view.path("samples").asLong()).isEqualTo(100);

        complete(1, 75, 100, 2);
        complete(2, 75, 100, 3);
        complete(3, 75, 100, 4);
        view = new PiKind().dashboardView().figures(running(4, () -> recorded));
        assertThat(view.path("points")).hasSize(4);
        assertThat(view.path("estimate").asDouble()).isCloseTo(4 * 305 / 400.0, offset(1e-12));
    }

    @Test
    void theLiveCurveIsTheOneTheReduceRecords() {
        for (int i = 0; i < 450; i++) {
            complete(i, 70 + i % 11, 100, 1000 - i);
        }
        ObjectNode live = new PiKind().dashboardView().figures(running(450, () -> recorded));
        JsonNode reduced = new PiKind().reduce(new ReduceContext("default:abc", 450,
                JSON.createObjectNode().put("samples", 45_000).put("seed", 7), recorded, Instant.now(), Instant.now()));
        assertThat(live.path("points")).isEqualTo(reduced.path("running"));
        assertThat(live.path("points").size()).as("at most RunningEstimate.POINTS").isLessThanOrEqualTo(200);
    }

    @Test
    void aSucceededJobShowsItsResultsOwnCurve() throws Exception {
        JsonNode result = JSON.readTree("{\"estimate\":3.05,\"ci95\":[3.0,3.1],\"samples\":400,\"running\":"
                + "[{\"tasks\":4,\"samples\":400,\"estimate\":3.05,\"low\":3.0,\"high\":3.1}]}");
        ObjectNode view = new PiKind().dashboardView().figures(new DashboardJob("default:abc", "succeeded", 4, null,
                result, LIMIT, () -> {
                    throw new AssertionError("a finished job's partial results are not read");
                }));
        assertThat(view.path("live").asBoolean()).isFalse();
        assertThat(view.path("points")).isEqualTo(result.path("running"));
        assertThat(view.path("estimate").asDouble()).isEqualTo(3.05);
        assertThat(view.path("low").asDouble()).isEqualTo(3.0);
        assertThat(view.path("high").asDouble()).isEqualTo(3.1);
        assertThat(view.path("samples").asLong()).isEqualTo(400);
    }

    @Test
    void aJobTooLargeToFollowLiveIsNotReadAndSaysWhenItShows() {
        ObjectNode view = new PiKind().dashboardView().figures(running(LIMIT + 1, () -> {
            throw new AssertionError("the partial results of a job beyond the limit are not read");
        }));
        assertThat(view.toString()).isEqualTo("{\"renderer\":\"pi\",\"note\":\"the estimate is drawn live for jobs of"
                + " up to 20000 tasks; this one shows it when it ends\"}");
    }

    @Test
    void piHasNoCsv() throws Exception {
        assertThat(new PiKind().dashboardView().csv(JSON.readTree("{\"estimate\": 3.1}"))).isNull();
    }
}
