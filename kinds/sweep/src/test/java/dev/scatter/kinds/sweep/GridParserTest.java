package dev.scatter.kinds.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grid syntax, the order of cells, random search, and sweep files. */
class GridParserTest {

    @Test
    void valuesAndRangesExpand() {
        assertThat(texts(GridParser.space("rbf, poly"))).containsExactly("rbf", "poly");
        assertThat(texts(GridParser.space("10,0.5,1e-3"))).containsExactly("10", "0.5", "0.001");
        assertThat(values(GridParser.space("logspace(-3,1,5)"))).containsExactly(0.001, 0.01, 0.1, 1.0, 10.0);
        assertThat(values(GridParser.space("linspace(0, 1, 5)"))).containsExactly(0.0, 0.25, 0.5, 0.75, 1.0);
        assertThat(texts(GridParser.space("range(2,6), 10"))).containsExactly("2", "3", "4", "5", "10");
        assertThat(texts(GridParser.space("range(10,0,-4)"))).containsExactly("10", "6", "2");
        assertThat(texts(GridParser.space("choice(scale,auto,0.5)"))).containsExactly("scale", "auto", "0.5");
        assertThat(GridParser.space("loguniform(1e-3, 1e3)"))
                .isEqualTo(new ParamSpace.Distribution("loguniform", 0.001, 1000));
    }

    @Test
    void badSyntaxIsNamed() {
        bad("logspace(1,2)", "logspace(1,2): expected 3 arguments, found 2");
        bad("linspace(0,1,x)", "'x' is not a whole number");
        bad("uniform(0,1),2", "uniform(0,1) is a distribution: it must stand alone");
        bad("loguniform(0,1)", "loguniform needs a low end above 0");
        bad("frob(1)", "unknown function 'frob'");
        bad("1,,2", "an empty value");
        bad("logspace(1,2,3", "a '(' without its ')'");
    }

    @Test
    void cellsComeInScikitLearnsParameterGridOrder() {
        Map<String, ParamSpace> grid = new LinkedHashMap<>();
        grid.put("kernel", GridParser.space("rbf,poly"));
        grid.put("C", GridParser.space("1,10"));
        // Names sorted (C before kernel), the last name varying fastest.
        assertThat(SweepGrid.full(List.of(grid)).stream().map(JsonNode::toString)).containsExactly(
                "{\"C\":1,\"kernel\":\"rbf\"}", "{\"C\":1,\"kernel\":\"poly\"}",
                "{\"C\":10,\"kernel\":\"rbf\"}", "{\"C\":10,\"kernel\":\"poly\"}");
        assertThatThrownBy(() -> SweepGrid.full(List.of(Map.of("C", GridParser.space("uniform(1,2)")))))
                .hasMessageContaining("is a distribution: it needs random search (--random N)");
    }

    @Test
    void randomSearchIsSeededAndDrawsFromListsAndDistributions() {
        Map<String, ParamSpace> grid = Map.of("C", GridParser.space("loguniform(0.01,100)"),
                "kernel", GridParser.space("rbf,poly"), "degree", GridParser.space("randint(2,5)"));
        List<ObjectNode> cells = SweepGrid.random(List.of(grid), 50, 7);
        assertThat(cells).hasSize(50).isEqualTo(SweepGrid.random(List.of(grid), 50, 7));
        assertThat(cells).isNotEqualTo(SweepGrid.random(List.of(grid), 50, 8));
        for (ObjectNode cell : cells) {
            assertThat(cell.get("C").asDouble()).isBetween(0.01, 100.0);
            assertThat(cell.get("degree").asInt()).isBetween(2, 4);
            assertThat(cell.get("kernel").asText()).isIn("rbf", "poly");
        }
        // Lists only: distinct cells of the full grid, at most all of them.
        Map<String, ParamSpace> lists = Map.of("C", GridParser.space("1,2,3"), "kernel", GridParser.space("rbf,poly"));
        assertThat(SweepGrid.random(List.of(lists), 4, 1)).hasSize(4).doesNotHaveDuplicates();
        assertThat(SweepGrid.random(List.of(lists), 100, 1)).hasSize(6).doesNotHaveDuplicates();
    }

    @Test
    void sweepFilesInYamlAndJson(@TempDir Path dir) throws Exception {
        Path yaml = Files.writeString(dir.resolve("sweep.yaml"), """
                model: svc
                grid:
                  - kernel: [rbf, poly]
                    C: logspace(-1, 1, 3)
                  - kernel: linear
                    C: [1e-3, 0.1]
                """);
        SweepFile.Contents contents = SweepFile.read(yaml);
        assertThat(contents.model()).isEqualTo("svc");
        assertThat(contents.random()).isNull();
        assertThat(SweepGrid.full(contents.grids())).hasSize(8);
        assertThat(SweepGrid.full(contents.grids()).get(6).toString()).isEqualTo("{\"C\":0.001,\"kernel\":\"linear\"}");

        Path json = Files.writeString(dir.resolve("sweep.json"),
                "{\"random\": 5, \"grid\": {\"C\": \"uniform(1, 2)\", \"gamma\": [\"scale\", 0.1]}}");
        SweepFile.Contents random = SweepFile.read(json);
        assertThat(random.random()).isEqualTo(5);
        assertThat(SweepGrid.random(random.grids(), 5, 0)).hasSize(5);
    }

    private static List<String> texts(ParamSpace space) {
        return ((ParamSpace.Values) space).values().stream().map(JsonNode::asText).toList();
    }

    private static List<Double> values(ParamSpace space) {
        return ((ParamSpace.Values) space).values().stream().map(v -> Math.round(v.asDouble() * 1e12) / 1e12).toList();
    }

    private static void bad(String text, String message) {
        assertThatThrownBy(() -> GridParser.space(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
