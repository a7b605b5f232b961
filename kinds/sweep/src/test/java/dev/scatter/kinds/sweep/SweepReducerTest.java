package dev.scatter.kinds.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SweepReducerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void ranksAsScikitLearnTiesShareTheLowestRankAndTheFirstBestWins() throws Exception {
        SweepParams params = SweepParams.of(JSON.readTree("""
                {"data": {"sha256": "%s", "name": "d.csv"}, "label": "y", "features": ["x"], "folds": 2,
                 "seed": 1, "grid": [{"C": 1}, {"C": 2}, {"C": 3}, {"C": 4}]}""".formatted("ab".repeat(32))));
        double[][] scores = {{0.5, 0.7}, {0.9, 0.8}, {0.8, 0.9}, {0.1, 0.2}};
        Map<Integer, JsonNode> partials = new TreeMap<>();
        for (int cell = 0; cell < 4; cell++) {
            for (int fold = 0; fold < 2; fold++) {
                ObjectNode p = JSON.createObjectNode().put("cell", cell).put("fold", fold)
                        .put("score", scores[cell][fold]).put("fitSeconds", 0.25 * (fold + 1))
                        .put("runner", "r" + fold);
                partials.put(cell * 2 + fold, p);
            }
        }
        JsonNode result = SweepReducer.reduce(params, partials, 8, 1.5);
        JsonNode cells = result.path("cells");
        assertThat(cells.findValues("rank").stream().map(JsonNode::asInt)).containsExactly(3, 1, 1, 4);
        assertThat(cells.get(0).path("meanScore").asDouble()).isCloseTo(0.6, within(1e-12));
        assertThat(cells.get(0).path("stdScore").asDouble()).isCloseTo(0.1, within(1e-12));  // population std
        assertThat(cells.get(0).path("meanFitSeconds").asDouble()).isEqualTo(0.375);
        assertThat(cells.get(0).path("stdFitSeconds").asDouble()).isEqualTo(0.125);
        assertThat(cells.get(1).path("scores")).hasSize(2);
        assertThat(result.path("best").path("index").asInt()).isEqualTo(1);
        assertThat(result.path("best").path("params").path("C").asInt()).isEqualTo(2);
        assertThat(result.path("runners").asInt()).isEqualTo(2);
        assertThat(result.path("seed").asLong()).isEqualTo(1);
        assertThat(result.path("scoring").asText()).isEqualTo("accuracy");
    }
}
