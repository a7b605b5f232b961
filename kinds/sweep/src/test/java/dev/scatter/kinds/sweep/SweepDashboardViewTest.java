package dev.scatter.kinds.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.task.DashboardJob;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The sweep on a dashboard: a heatmap of two parameters, the best cell marked, the colour scale from the median to
 * the best; the ranked cells; the result as CSV, which is submit sweep --csv's.
 */
class SweepDashboardViewTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static DashboardJob sweep(String state, String result) throws Exception {
        return new DashboardJob("default:abc", state, 4, null, result == null ? null : JSON.readTree(result), 20_000,
                TreeMap::new);
    }

    @Test
    void theHeatmapMarksTheBestCellAndScalesFromTheMedian() throws Exception {
        ObjectNode view = new SweepKind().dashboardView().figures(sweep("succeeded", SweepResults.FOUR_CELLS));
        assertThat(view.path("renderer").asText()).isEqualTo("sweep");
        JsonNode h = view.path("heatmap");
        assertThat(h.path("x").asText()).isEqualTo("C");
        assertThat(h.path("xLabels").toString()).isEqualTo("[\"0.5\",\"10\"]");
        assertThat(h.path("yLabels").toString()).isEqualTo("[\"rbf\",\"=cmd|calc\"]");
        assertThat(h.path("values").toString()).isEqualTo("[[0.5,0.8],[0.6,0.9]]");
        assertThat(h.path("bestX").asInt()).isEqualTo(1);
        assertThat(h.path("bestY").asInt()).isEqualTo(1);
        assertThat(h.path("scaleHigh").asDouble()).isEqualTo(0.9);
        assertThat(h.path("scaleLow").asDouble()).as("the median of 0.5, 0.6, 0.8, 0.9 (lower)").isEqualTo(0.6);
        assertThat(h.path("collapsed").asInt()).isZero();
        assertThat(view.path("ranked").get(0).path("meanScore").asDouble()).isEqualTo(0.9);
        assertThat(view.path("ranked").get(0).path("params").path("kernel").asText()).isEqualTo("=cmd|calc");
        assertThat(view.path("cellCount").asInt()).isEqualTo(4);
    }

    @Test
    void aSweepThatHasNotEndedSaysWhenItsFiguresShow() throws Exception {
        ObjectNode view = new SweepKind().dashboardView().figures(sweep("running", null));
        assertThat(view.toString()).isEqualTo("{\"renderer\":\"sweep\",\"note\":"
                + "\"the ranked cells and the heatmap show when the sweep ends\"}");
    }

    @Test
    void theCsvHasScikitLearnsColumnsAndNoFormulasAndIsWhatSubmitSweepWrites() throws Exception {
        JsonNode result = JSON.readTree(SweepResults.FOUR_CELLS);
        String csv = new SweepKind().dashboardView().csv(result);
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo("index,param_C,param_kernel,mean_test_score,"
                + "std_test_score,rank_test_score,split0_test_score,split1_test_score,mean_fit_time,std_fit_time");
        assertThat(csv).contains("\n2,10,'=cmd|calc,0.9,0.03,1,0.88,0.92,0.2,0.0\n");
        assertThat(csv).isEqualTo(SweepCsv.render(result));
        assertThat(new SweepKind().dashboardView().csv(JSON.readTree("{\"other\": 1}"))).isNull();
    }
}
