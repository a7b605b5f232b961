package dev.scatter.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobState;
import dev.scatter.broker.JobStatus;
import dev.scatter.dashboard.kinds.KindViews;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sweep's heatmap: two parameters, the best cell marked, the colour scale from the median to the best. */
class SweepViewTest {

    /** Four cells over C (numeric, given out of order) and kernel; folds of 2. */
    static final String RESULT = "{\"scoring\":\"accuracy\",\"folds\":2,\"cells\":["
            + "{\"index\":0,\"params\":{\"C\":10,\"kernel\":\"rbf\"},\"rank\":2,\"meanScore\":0.8,\"stdScore\":0.01,"
            + "\"scores\":[0.79,0.81],\"meanFitSeconds\":0.1,\"stdFitSeconds\":0.0},"
            + "{\"index\":1,\"params\":{\"C\":0.5,\"kernel\":\"rbf\"},\"rank\":4,\"meanScore\":0.5,\"stdScore\":0.02,"
            + "\"scores\":[0.49,0.51],\"meanFitSeconds\":0.1,\"stdFitSeconds\":0.0},"
            + "{\"index\":2,\"params\":{\"C\":10,\"kernel\":\"=cmd|calc\"},\"rank\":1,\"meanScore\":0.9,\"stdScore\":0.03,"
            + "\"scores\":[0.88,0.92],\"meanFitSeconds\":0.2,\"stdFitSeconds\":0.0},"
            + "{\"index\":3,\"params\":{\"C\":0.5,\"kernel\":\"=cmd|calc\"},\"rank\":3,\"meanScore\":0.6,\"stdScore\":0.04,"
            + "\"scores\":[0.58,0.62],\"meanFitSeconds\":0.2,\"stdFitSeconds\":0.0}]}";

    static JobStatus sweep(String result) {
        return new JobStatus(new JobId("default", "abc"), "sweep", "{}", JobState.SUCCEEDED, 4, 4, 0, 5, 10, 0, 0, 0,
                null, null, null, result, null, null);
    }

    @Test
    void theHeatmapMarksTheBestCellAndScalesFromTheMedian() {
        ObjectNode view = KindViews.of("sweep").view(sweep(RESULT), Map::of);
        JsonNode h = view.path("heatmap");
        assertThat(h.path("x").asText()).isEqualTo("C");
        assertThat(h.path("xLabels").toString()).isEqualTo("[\"0.5\",\"10\"]");
        assertThat(h.path("yLabels").toString()).isEqualTo("[\"rbf\",\"=cmd|calc\"]");
        assertThat(h.path("values").toString()).isEqualTo("[[0.5,0.8],[0.6,0.9]]");
        assertThat(h.path("bestX").asInt()).isEqualTo(1);
        assertThat(h.path("bestY").asInt()).isEqualTo(1);
        assertThat(h.path("scaleHigh").asDouble()).isEqualTo(0.9);
        assertThat(h.path("scaleLow").asDouble()).as("the median of 0.5, 0.6, 0.8, 0.9 (lower)").isEqualTo(0.6);
        assertThat(view.path("ranked").get(0).path("meanScore").asDouble()).isEqualTo(0.9);
    }

    @Test
    void theCsvHasScikitLearnsColumnsAndNoFormulas() throws Exception {
        String csv = KindViews.of("sweep").csv(Web.JSON.readTree(RESULT)).orElseThrow();
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo("index,param_C,param_kernel,mean_test_score,"
                + "std_test_score,rank_test_score,split0_test_score,split1_test_score,mean_fit_time,std_fit_time");
        assertThat(csv).contains("\n2,10,'=cmd|calc,0.9,0.03,1,0.88,0.92,0.2,0.0\n");
    }

    @Test
    void aKindWithoutAViewShowsItsResultAsJson() {
        assertThat(KindViews.of("collatz").view(sweep("{}"), Map::of).path("renderer").asText()).isEqualTo("json");
    }
}
