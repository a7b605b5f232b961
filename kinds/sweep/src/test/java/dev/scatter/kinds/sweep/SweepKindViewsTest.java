package dev.scatter.kinds.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** What the sweep kind tells submit of each task: its cell and fold, its score, what --reuse compares. */
class SweepKindViewsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachTaskIsACellAndAFoldAndSaysItsScore() throws Exception {
        SweepKind kind = new SweepKind();
        JsonNode params = JSON.readTree("{\"folds\": 2, \"grid\": [{\"C\": 0.5, \"kernel\": \"rbf\"},"
                + " {\"C\": 2, \"kernel\": \"rbf\"}]}");
        assertThat(kind.taskParams(params, 3, 4)).containsExactly(java.util.Map.entry("C", "2"),
                java.util.Map.entry("kernel", "rbf"), java.util.Map.entry("fold", "1"));
        assertThat(kind.taskOutcome(JSON.readTree("{\"score\": 0.81234}")).text()).isEqualTo("score 0.8123");
        assertThat(kind.taskOutcome(JSON.readTree("{\"other\": 1}"))).isNull();
    }

    @Test
    void reuseComparesTheDataByItsHashAndSaysWhenAFileOfTheSameNameChanged() throws Exception {
        SweepKind kind = new SweepKind();
        ObjectNode params = (ObjectNode) JSON.readTree("{\"data\": {\"name\": \"iris.csv\", \"sha256\": \"aa\"},"
                + " \"label\": \"y\", \"folds\": 2, \"grid\": [{\"C\": 1}]}");
        ObjectNode otherGrid = params.deepCopy();
        otherGrid.putArray("grid").addObject().put("C", 5);
        assertThat(kind.reusesResults()).isTrue();
        assertThat(kind.reuseContext(params)).isEqualTo(kind.reuseContext(otherGrid));
        ObjectNode changed = params.deepCopy();
        ((ObjectNode) changed.path("data")).put("sha256", "bb");
        assertThat(kind.reuseContext(params)).isNotEqualTo(kind.reuseContext(changed));
        assertThat(kind.reuseMismatch(params, changed)).isEqualTo("earlier sweeps of iris.csv used other data (its"
                + " content changed)");
        assertThat(kind.reuseMismatch(params, params)).isNull();
        assertThat(kind.reuseMismatch(params, null)).isNull();
    }
}
