package dev.scatter.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobState;
import dev.scatter.broker.JobStatus;
import dev.scatter.dashboard.kinds.KindViews;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A command sweep's metrics: summary, histogram of the values, the failed commands; and its CSV. */
class CommandViewTest {

    static final String RESULT = "{\"tasks\":4,\"succeeded\":3,\"failedCount\":1,"
            + "\"metrics\":{\"loss\":{\"mean\":0.5,\"std\":0.25,\"min\":0.0,\"max\":1.0,\"count\":3,\"values\":[0.0,0.5,1.0]},"
            + "\"=HYPERLINK(\\\"x\\\")\":{\"mean\":2,\"std\":0,\"min\":2,\"max\":2,\"count\":1,\"values\":[2]}},"
            + "\"failed\":[{\"task\":\"3\",\"exitCode\":2,\"timedOut\":false,\"stderrTail\":\"boom\"}]}";

    static JobStatus cmd(String result) {
        return new JobStatus(new JobId("default", "abc"), "cmd", "{}", JobState.SUCCEEDED, 4, 4, 0, 5, 10, 0, 0, 0,
                null, null, null, result, null, null);
    }

    @Test
    void metricsComeWithTheirDistributionAndTheFailedCommands() {
        JsonNode view = KindViews.of("cmd").view(cmd(RESULT), Map::of);
        assertThat(view.path("renderer").asText()).isEqualTo("cmd");
        JsonNode loss = view.path("metrics").get(0);
        assertThat(loss.path("name").asText()).isEqualTo("loss");
        assertThat(loss.path("histogram")).hasSize(20);
        assertThat(loss.path("histogram").get(0).asInt()).isEqualTo(1);
        assertThat(loss.path("histogram").get(10).asInt()).isEqualTo(1);
        assertThat(loss.path("histogram").get(19).asInt()).as("the maximum falls in the last bin").isEqualTo(1);
        assertThat(view.path("metrics").get(1).path("histogram").get(0).asInt()).as("one value: one bin").isEqualTo(1);
        assertThat(view.path("failed").get(0).path("exitCode").asText()).isEqualTo("2");
    }

    @Test
    void theCsvHasARowPerMetricAndNoFormula() throws Exception {
        String csv = KindViews.of("cmd").csv(Web.JSON.readTree(RESULT)).orElseThrow();
        assertThat(csv).isEqualTo("metric,mean,std,min,max,count\nloss,0.5,0.25,0.0,1.0,3\n"
                + "\"'=HYPERLINK(\"\"x\"\")\",2,0,2,2,1\n");
    }
}
