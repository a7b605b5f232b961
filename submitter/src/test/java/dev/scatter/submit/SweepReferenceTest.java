package dev.scatter.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scatter.broker.Blobs;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import dev.scatter.kinds.sweep.CsvDataset;
import dev.scatter.kinds.sweep.Dataset;
import dev.scatter.kinds.sweep.Folds;
import dev.scatter.kinds.sweep.RgbaDemo;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scatter's sweeps against scikit-learn's: the table in sweep-reference/reference.json was made by
 * make_reference.py (scikit-learn's SVC, same data, folds and grid); every cell's mean accuracy must be within
 * 0.005 of it. No Python is needed here.
 */
@ExtendWith(RealRedis.class)
class SweepReferenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode REFERENCE = load();

    @Test
    void theReferenceUsedTheSameDataAndFolds() {
        int rows = Integer.parseInt(REFERENCE.path("data").asText().substring(RgbaDemo.NAME.length() + 1));
        byte[] csv = RgbaDemo.csv(rows);
        assertThat(Blobs.sha256(csv)).isEqualTo(REFERENCE.path("dataSha256").asText());
        Dataset data = CsvDataset.parse(csv, "demo", "label", null, null);
        int[] folds = Folds.stratified(data.y(), data.classes().size(), REFERENCE.path("folds").asInt(),
                REFERENCE.path("seed").asLong());
        List<Integer> expected = new ArrayList<>();
        REFERENCE.path("foldOfRow").forEach(f -> expected.add(f.asInt()));
        assertThat(folds).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
    }

    static Stream<Integer> sweeps() {
        return IntStream.range(0, REFERENCE.path("sweeps").size()).boxed();
    }

    @ParameterizedTest
    @MethodSource("sweeps")
    void everyCellsMeanAccuracyMatchesScikitLearn(int index, RedisFixture redis) throws Exception {
        JsonNode sweep = REFERENCE.path("sweeps").get(index);
        List<String> args = new ArrayList<>(List.of("sweep", "--data", REFERENCE.path("data").asText(),
                "--folds", REFERENCE.path("folds").asText(), "--seed", REFERENCE.path("seed").asText(),
                "--queue", redis.queue(), "--local", "2", "--json"));
        sweep.path("params").forEach(p -> args.addAll(List.of("--param", p.asText())));
        if (sweep.path("scale").asBoolean()) {
            args.add("--scale");
        }
        Cli.Run run = Cli.withRedis(redis.uri()).run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode result = JSON.readTree(run.out()).path("result");
        JsonNode expected = sweep.path("cells");
        JsonNode cells = result.path("cells");
        assertThat(cells).hasSize(expected.size());
        for (int c = 0; c < expected.size(); c++) {
            JsonNode ours = cells.get(c);
            JsonNode theirs = expected.get(c);
            assertThat(ours.path("params")).as("cell %d in scikit-learn's order", c).isEqualTo(theirs.path("params"));
            assertThat(ours.path("meanScore").asDouble()).as("mean accuracy of %s", theirs.path("params"))
                    .isCloseTo(theirs.path("meanScore").asDouble(), within(0.005));
        }
        double referenceBest = expected.get(sweep.path("bestIndex").asInt()).path("meanScore").asDouble();
        assertThat(result.path("best").path("meanScore").asDouble()).isCloseTo(referenceBest, within(0.005));
    }

    private static JsonNode load() {
        try (InputStream in = SweepReferenceTest.class.getResourceAsStream("/sweep-reference/reference.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
