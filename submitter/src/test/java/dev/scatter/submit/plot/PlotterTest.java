package dev.scatter.submit.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.scatter.kinds.cmd.CommandPlot;
import dev.scatter.kinds.pi.PiPlot;
import dev.scatter.kinds.sweep.SweepPlot;
import dev.scatter.plot.Figure;
import dev.scatter.plot.PlotException;
import dev.scatter.plot.PlotFormat;
import dev.scatter.plot.PlotJob;
import dev.scatter.task.TaskKinds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind's plot drawn from a result built in the test, as PNG and SVG, and the inputs that have no plot. */
class PlotterTest {

    private static final TaskKinds KINDS = TaskKinds.load(PlotterTest.class.getClassLoader());

    @TempDir
    Path dir;

    @Test
    void piDrawsTheRunningEstimateInBothFormats() throws Exception {
        PlotJob job = new PlotJob("pi0000000001", "pi", null, Results.pi(60, 200_000, 1));
        Figure figure = PiPlot.figure(job.id(), job.result());
        assertThat(figure.title()).startsWith("π ≈ 3.14").contains(" (95%) from 12M samples in 60 tasks (job pi0000000001)");

        Images.png(draw(job, "pi.png"), PiPlot.WIDTH, PiPlot.HEIGHT);
        Images.svg(draw(job, "pi.svg"), figure.title(), PiPlot.WIDTH, PiPlot.HEIGHT);
    }

    @Test
    void piOverDecadesOfSamplesUsesALogAxis() throws Exception {
        PlotJob job = new PlotJob("pi0000000004", "pi", null, Results.pi(1000, 100_000, 4));
        Figure figure = PiPlot.figure(job.id(), job.result());
        assertThat(((org.knowm.xchart.XYChart) figure.charts().get(0)).getStyler().isXAxisLogarithmic()).isTrue();
        Images.png(draw(job, "pi-log.png"), PiPlot.WIDTH, PiPlot.HEIGHT);
    }

    @Test
    void piWithOneTaskStillDraws() throws Exception {
        PlotJob job = new PlotJob("pi0000000002", "pi", null, Results.pi(1, 1_000, 2));
        Images.png(draw(job, "pi-one-task.png"), PiPlot.WIDTH, PiPlot.HEIGHT);
    }

    @Test
    void aSweepOverTwoParametersIsAHeatmap() throws Exception {
        Map<String, List<Object>> grid = new LinkedHashMap<>();
        grid.put("kernel", List.of("rbf", "poly"));
        grid.put("C", List.of(0.001, 0.025, 2.5, 5, 10));
        PlotJob job = new PlotJob("sw0000000001", "sweep", null, Results.sweep(grid));
        Figure figure = SweepPlot.figure(job);
        assertThat(figure.charts().get(0)).isInstanceOf(org.knowm.xchart.HeatMapChart.class);
        assertThat(figure.title()).isEqualTo("Mean accuracy by C and kernel (job sw0000000001)");

        Images.png(draw(job, "sweep-heatmap.png"), SweepPlot.WIDTH, SweepPlot.HEIGHT);
        Images.svg(draw(job, "sweep-heatmap.svg"), figure.title(), SweepPlot.WIDTH, SweepPlot.HEIGHT);
    }

    @Test
    void aSweepOverMoreParametersShowsTheTwoWithMostValuesAndSaysSo() throws Exception {
        Map<String, List<Object>> grid = new LinkedHashMap<>();
        grid.put("kernel", List.of("rbf", "poly", "sigmoid"));
        grid.put("C", List.of(0.01, 0.1, 1, 10, 100));
        grid.put("gamma", List.of(0.001, 0.01, 0.1, 1));
        grid.put("degree", List.of(2, 3));
        PlotJob job = new PlotJob("sw0000000002", "sweep", null, Results.sweep(grid));
        Figure figure = SweepPlot.figure(job);
        assertThat(figure.title())
                .isEqualTo("Mean accuracy by C and gamma, best over kernel and degree (job sw0000000002)");

        Images.png(draw(job, "sweep-heatmap-4.png"), SweepPlot.WIDTH, SweepPlot.HEIGHT);
    }

    @Test
    void aRandomSearchStillDrawsItsSparseHeatmap() throws Exception {
        ObjectNode result = Results.sweep(Map.of("C", List.of(1.0)));
        var cells = result.putArray("cells");
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 25; i++) {
            ObjectNode cell = cells.addObject();
            cell.putObject("params").put("C", Math.pow(10, -3 + 4 * random.nextDouble()))
                    .put("gamma", Math.pow(10, -4 + 4 * random.nextDouble()));
            cell.put("meanScore", 0.6 + 0.3 * random.nextDouble()).put("stdScore", 0.02);
        }
        PlotJob job = new PlotJob("sw0000000006", "sweep", null, result);
        Images.png(draw(job, "sweep-random.png"), SweepPlot.WIDTH, SweepPlot.HEIGHT);
    }

    @Test
    void aSweepOverOneNumericParameterIsALineWithErrorBars() throws Exception {
        List<Object> cs = List.of(0.001, 0.00316, 0.01, 0.0316, 0.1, 0.316, 1, 3.16, 10);
        PlotJob job = new PlotJob("sw0000000003", "sweep", null, Results.sweep(Map.of("C", cs)));
        Figure figure = SweepPlot.figure(job);
        assertThat(figure.charts().get(0)).isInstanceOf(org.knowm.xchart.XYChart.class);
        assertThat(figure.title()).startsWith("Mean accuracy by C: best 0.").contains(" at C=");

        Images.png(draw(job, "sweep-line.png"), SweepPlot.WIDTH, SweepPlot.HEIGHT);
        Images.svg(draw(job, "sweep-line.svg"), figure.title(), SweepPlot.WIDTH, SweepPlot.HEIGHT);
    }

    @Test
    void aSweepOverOneNamedParameterIsALineOverCategories() throws Exception {
        Map<String, List<Object>> grid = new LinkedHashMap<>();
        grid.put("kernel", List.of("linear", "poly", "rbf", "sigmoid"));
        grid.put("C", List.of(1.0));
        PlotJob job = new PlotJob("sw0000000004", "sweep", null, Results.sweep(grid));
        assertThat(SweepPlot.figure(job).title()).startsWith("Mean accuracy by kernel: best ");

        Images.png(draw(job, "sweep-categories.png"), SweepPlot.WIDTH, SweepPlot.HEIGHT);
    }

    @Test
    void aSweepThatVariesNothingHasNoPlot() {
        PlotJob job = new PlotJob("sw0000000005", "sweep", null, Results.sweep(Map.of("C", List.of(1.0))));
        assertThatThrownBy(() -> Plotter.plot(KINDS, job, dir.resolve("one.png")))
                .isInstanceOf(PlotException.class).hasMessageContaining("varies no parameter");
        assertThat(dir.resolve("one.png")).doesNotExist();
    }

    @Test
    void aCommandSweepDrawsOneHistogramPerMetricInAGrid() throws Exception {
        PlotJob job = new PlotJob("cm0000000001", "cmd", null, Results.commands(100));
        Figure figure = CommandPlot.figure(job);
        assertThat(figure.charts()).hasSize(4);
        assertThat(figure.title()).isEqualTo("Metrics of command job cm0000000001: 100 tasks, 2 failed");
        assertThat(figure.charts().get(0).getTitle()).startsWith("loss: mean 0.").contains(", sd 0.0");
        int width = 2 * CommandPlot.CELL_WIDTH;
        int height = 2 * CommandPlot.CELL_HEIGHT;

        Images.png(draw(job, "cmd.png"), width, height);
        Images.svg(draw(job, "cmd.svg"), figure.title(), width, height);
    }

    @Test
    void aCommandSweepWithOneMetricDrawsOneLargeChart() throws Exception {
        ObjectNode result = Results.commands(30);
        ((ObjectNode) result.get("metrics")).retain("loss");
        PlotJob job = new PlotJob("cm0000000002", "cmd", null, result);
        Images.png(draw(job, "cmd-one.png"), CommandPlot.SINGLE_WIDTH, CommandPlot.SINGLE_HEIGHT);
    }

    @Test
    void aCommandSweepOfAFewTasksStillDraws() throws Exception {
        PlotJob job = new PlotJob("cm0000000004", "cmd", null, Results.commands(7));
        Images.png(draw(job, "cmd-few.png"), 2 * CommandPlot.CELL_WIDTH, 2 * CommandPlot.CELL_HEIGHT);
    }

    @Test
    void aCommandSweepWithoutMetricsHasNoPlot() {
        ObjectNode result = Results.commands(10);
        result.putObject("metrics");
        PlotJob job = new PlotJob("cm0000000003", "cmd", null, result);
        assertThatThrownBy(() -> Plotter.plot(KINDS, job, dir.resolve("none.png")))
                .isInstanceOf(PlotException.class).hasMessageContaining("no numeric metrics");
    }

    @Test
    void otherKindsAndOtherFormatsAreRefusedInOneLine() {
        JsonNode empty = JsonNodeFactory.instance.objectNode();
        assertThatThrownBy(() -> Plotter.plot(KINDS, new PlotJob("x", "noop", null, empty), dir.resolve("x.png")))
                .isInstanceOf(PlotException.class)
                .hasMessage("there is no plot for jobs of kind 'noop' (plots exist for cmd, pi, sweep)");
        assertThatThrownBy(() -> Plotter.check(dir.resolve("x.pdf")))
                .isInstanceOf(PlotException.class).hasMessageContaining("must end in .png or .svg");
        assertThatThrownBy(() -> Plotter.check(dir.resolve("missing/x.png")))
                .isInstanceOf(PlotException.class).hasMessageContaining("there is no folder");
        assertThat(PlotFormat.of(Path.of("A.SVG"))).isEqualTo(PlotFormat.SVG);
    }

    @Test
    void aPlotReplacesAnOldFileWholeAndLeavesNothingElseBehind() throws Exception {
        Path file = Files.writeString(dir.resolve("old.png"), "not a png");
        Plotter.plot(KINDS, new PlotJob("pi0000000003", "pi", null, Results.pi(5, 1000, 3)), file);
        Images.png(file, PiPlot.WIDTH, PiPlot.HEIGHT);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
        // Readable as any new file is, not owner-only as a temporary file is made.
        Path fresh = Files.createFile(dir.resolve("fresh"));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(fresh));
    }

    private Path draw(PlotJob job, String name) {
        Path file = dir.resolve(name);
        Plotter.plot(KINDS, job, file);
        return file;
    }
}
