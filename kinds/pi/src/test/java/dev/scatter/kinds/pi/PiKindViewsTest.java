package dev.scatter.kinds.pi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** What the pi kind contributes to submit and a dashboard: its text, summary and task columns. */
class PiKindViewsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theResultReadsAsAnEstimateWithItsInterval() throws Exception {
        JsonNode result = JSON.readTree("{\"estimate\": 3.1416, \"stdError\": 0.0001, \"ci95\": [3.1414, 3.1418],"
                + " \"samples\": 1000000, \"tasks\": 10, \"inside\": 785400, \"runners\": 1, \"seed\": 7,"
                + " \"wallSeconds\": 0.5}");
        PiKind kind = new PiKind();

        assertThat(kind.resultText("j1", result)).startsWith("pi       3.1416000000 ± ")
                .contains("samples  1,000,000 in 10 tasks, 785,400 inside; 1 runner; seed 7");
        assertThat(kind.summary(null, result).path("estimate").asDouble()).isEqualTo(3.1416);
        assertThat(kind.resultReportsFailure(result)).isFalse();
        assertThat(kind.taskColumns()).extracting(c -> c.cell().apply(JSON.readTree(
                "{\"samples\": 100, \"inside\": 78, \"runner\": \"r1\"}"))).containsExactly("100", "78", "r1");
    }

    @Test
    void eachTaskHasItsSeedAndSamplesAndIsReusableWhateverTheJob() throws Exception {
        PiKind kind = new PiKind();
        JsonNode params = JSON.readTree("{\"samples\": 10000, \"seed\": 7}");
        assertThat(kind.taskParams(params, 1, 2)).containsEntry("seed", Long.toString(PiSampler.taskSeed(7, 1)))
                .containsEntry("samples", "5000").containsOnlyKeys("seed", "samples");
        assertThat(kind.reusesResults()).isTrue();
        assertThat(kind.reuseContext(params)).isEqualTo(kind.reuseContext(JSON.readTree("{\"samples\": 9}")));
        assertThat(kind.taskOutcome(JSON.readTree("{\"samples\": 100, \"inside\": 78}")).text())
                .isEqualTo("78 of 100 inside");
        assertThat(kind.taskOutcome(JSON.readTree("{\"samples\": 100, \"inside\": 78}")).failed()).isFalse();
    }

    @Test
    void aResultOfAnotherShapeIsLeftToTheGenericJson() throws Exception {
        assertThat(new PiKind().resultText("j1", JSON.readTree("{\"other\": 1}"))).isNull();
    }
}
