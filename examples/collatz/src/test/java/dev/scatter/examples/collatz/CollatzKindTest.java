package dev.scatter.examples.collatz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.task.InvalidParametersException;
import dev.scatter.task.ReduceContext;
import dev.scatter.task.StopSignal;
import dev.scatter.task.TaskContext;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The kind on its own: split, run and reduce give the known answer, whatever the number of tasks. */
class CollatzKindTest {

    private final CollatzKind kind = new CollatzKind();

    @Test
    void findsTheLongestChainBelowAMillionWhateverTheSplit() {
        for (int tasks : new int[] {1, 7, 64}) {
            JsonNode result = runAll(1_000_000, tasks);
            // Project Euler 14: 837799 has the longest chain below a million, 524 steps.
            assertThat(result.path("start").asLong()).isEqualTo(837_799);
            assertThat(result.path("steps").asInt()).isEqualTo(524);
        }
    }

    @Test
    void refusesParametersThatCannotRun() {
        ObjectNode none = JsonNodeFactory.instance.objectNode();
        assertThatThrownBy(() -> kind.prepare(none, 1)).isInstanceOf(InvalidParametersException.class);
        assertThatThrownBy(() -> kind.prepare(JsonNodeFactory.instance.objectNode().put("limit", 5), 6))
                .hasMessageContaining("more tasks");
    }

    private JsonNode runAll(long limit, int tasks) {
        ObjectNode params = kind.prepare(JsonNodeFactory.instance.objectNode().put("limit", limit), tasks);
        SortedMap<Integer, JsonNode> partials = new TreeMap<>();
        for (int i = 0; i < tasks; i++) {
            partials.put(i, kind.run(new TaskContext("job", i, tasks, 1, params, "test", new StopSignal(), null, null)));
        }
        return kind.reduce(new ReduceContext("job", tasks, params, partials, null, null));
    }
}
