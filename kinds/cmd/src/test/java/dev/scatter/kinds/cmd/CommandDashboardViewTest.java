package dev.scatter.kinds.cmd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scatter.task.DashboardJob;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A command sweep on a dashboard: each metric's summary and histogram, the failed commands; and its CSV. */
class CommandDashboardViewTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String RESULT = "{\"tasks\":4,\"succeeded\":3,\"failedCount\":1,"
            + "\"metrics\":{\"loss\":{\"mean\":0.5,\"std\":0.25,\"min\":0.0,\"max\":1.0,\"count\":3,\"values\":[0.0,0.5,1.0]},"
            + "\"=HYPERLINK(\\\"x\\\")\":{\"mean\":2,\"std\":0,\"min\":2,\"max\":2,\"count\":1,\"values\":[2]}},"
            + "\"failed\":[{\"task\":\"3\",\"exitCode\":2,\"timedOut\":false,\"stderrTail\":\"boom\"}]}";

    static DashboardJob cmd(String state, String result) throws Exception {
        return new DashboardJob("default:abc", state, 4, null, result == null ? null : JSON.readTree(result), 20_000,
                TreeMap::new);
    }

    @Test
    void metricsComeWithTheirDistributionAndTheFailedCommands() throws Exception {
        JsonNode view = new CommandKind().dashboardView().figures(cmd("succeeded", RESULT));
        assertThat(view.path("renderer").asText()).isEqualTo("cmd");
        assertThat(view.path("tasks").asInt()).isEqualTo(4);
        assertThat(view.path("failedCount").asInt()).isEqualTo(1);
        JsonNode loss = view.path("metrics").get(0);
        assertThat(loss.path("name").asText()).isEqualTo("loss");
        assertThat(loss.path("histogram")).hasSize(20);
        assertThat(loss.path("histogram").get(0).asInt()).isEqualTo(1);
        assertThat(loss.path("histogram").get(10).asInt()).isEqualTo(1);
        assertThat(loss.path("histogram").get(19).asInt()).as("the maximum falls in the last bin").isEqualTo(1);
        assertThat(view.path("metrics").get(1).path("histogram").get(0).asInt()).as("one value: one bin").isEqualTo(1);
        assertThat(view.path("failed").get(0).path("exitCode").asText()).isEqualTo("2");
        assertThat(view.path("failed").get(0).path("stderrTail").asText()).isEqualTo("boom");
    }

    @Test
    void aSweepThatHasNotEndedSaysWhenItsMetricsShow() throws Exception {
        assertThat(new CommandKind().dashboardView().figures(cmd("running", null)).toString())
                .isEqualTo("{\"renderer\":\"cmd\",\"note\":\"the metrics show when the command sweep ends\"}");
    }

    @Test
    void theCsvHasARowPerMetricAndNoFormula() throws Exception {
        String csv = new CommandKind().dashboardView().csv(JSON.readTree(RESULT));
        assertThat(csv).isEqualTo("metric,mean,std,min,max,count\nloss,0.5,0.25,0.0,1.0,3\n"
                + "\"'=HYPERLINK(\"\"x\"\")\",2,0,2,2,1\n");
        assertThat(new CommandKind().dashboardView().csv(JSON.readTree("{\"tasks\": 1}"))).isNull();
    }
}
