package dev.scatter.kinds.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.broker.Blobs;
import dev.scatter.task.BlobStore;
import dev.scatter.task.InvalidParametersException;
import dev.scatter.task.StopSignal;
import dev.scatter.task.TaskContext;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The sweep kind's checks and one task, with the data served from memory as a runner's blob cache serves it. */
class SweepKindTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] DATA = RgbaDemo.csv(200);

    @Test
    void prepareChecksTheTaskCountTheCellsAndFillsInASeed() {
        SweepKind kind = new SweepKind();
        ObjectNode prepared = kind.prepare(params(), 6);
        assertThat(prepared.get("seed").canConvertToLong()).isTrue();
        assertThatThrownBy(() -> kind.prepare(params(), 5)).isInstanceOf(InvalidParametersException.class)
                .hasMessage("a sweep of 2 cells and 3 folds has 6 tasks, not 5");
        ObjectNode badCell = params();
        badCell.withArray("grid").addObject().put("gamma", -1);
        assertThatThrownBy(() -> kind.prepare(badCell, 9)).hasMessageContaining("gamma must be");
        ObjectNode huge = params().put("folds", 10);
        var grid = huge.putArray("grid");
        for (int i = 0; i < 3000; i++) {
            grid.addObject().put("C", i + 1);
        }
        assertThatThrownBy(() -> kind.prepare(huge, 30000)).hasMessageContaining("too large a result for Redis");
    }

    @Test
    void aTaskFitsItsCellOnItsFoldAndTheDatasetIsParsedOncePerRunner() throws Exception {
        SweepKind kind = new SweepKind();
        ObjectNode params = kind.prepare(params().put("seed", 3), 6);
        AtomicInteger fetches = new AtomicInteger();
        BlobStore blobs = sha -> {
            fetches.incrementAndGet();
            return sha.equals(Blobs.sha256(DATA)) ? Optional.of(DATA) : Optional.empty();
        };
        for (int index = 0; index < 6; index++) {
            JsonNode partial = kind.run(task(params, index, blobs));
            assertThat(partial.path("cell").asInt()).isEqualTo(index / 3);
            assertThat(partial.path("fold").asInt()).isEqualTo(index % 3);
            assertThat(partial.path("score").asDouble()).isBetween(0.5, 1.0);
            assertThat(partial.path("trainRows").asInt() + partial.path("testRows").asInt()).isEqualTo(200);
        }
        assertThat(fetches).hasValue(1);
        // Deterministic in (params, index): a retry gives the same score.
        assertThat(new SweepKind().run(task(params, 4, blobs)).path("score"))
                .isEqualTo(kind.run(task(params, 4, blobs)).path("score"));
    }

    @Test
    void dataGoneFromRedisQuarantinesTheTask() {
        SweepKind kind = new SweepKind();
        ObjectNode params = kind.prepare(params(), 6);
        assertThatThrownBy(() -> kind.run(task(params, 0, sha -> Optional.empty())))
                .isInstanceOf(InvalidParametersException.class)
                .hasMessageContaining("is no longer in Redis");
    }

    private static ObjectNode params() {
        ObjectNode p = JSON.createObjectNode().put("model", "svc");
        p.putObject("data").put("sha256", Blobs.sha256(DATA)).put("name", "demo:rgba:200").put("bytes", DATA.length);
        p.put("label", "label");
        p.putArray("features").add("r").add("g").add("b").add("a");
        p.put("folds", 3).put("scoring", "accuracy");
        p.putArray("grid").add(JSON.createObjectNode().put("C", 1)).add(JSON.createObjectNode().put("C", 10)
                .put("kernel", "poly"));
        return p;
    }

    private static TaskContext task(JsonNode params, int index, BlobStore blobs) {
        return new TaskContext("job", index, 6, 1, params, "test-runner", new StopSignal(), blobs,
                java.time.Duration.ofHours(1));
    }
}
