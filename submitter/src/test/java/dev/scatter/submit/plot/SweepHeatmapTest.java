package dev.scatter.submit.plot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The heatmap a scientist would publish: colours over the cells' spread without their outliers, mean ± sd in each
 * square, the best square outlined, a labelled colour bar. Drawn into target/plot-examples/ to be looked at.
 */
class SweepHeatmapTest {

    private static final Path EXAMPLES = Path.of("target", "plot-examples");

    @Test
    void oneOutlierDoesNotSetTheColourScale() throws Exception {
        ColourRange range = ColourRange.of(new double[] {0.51, 0.82, 0.825, 0.83, 0.832, 0.835, 0.84, 0.838});
        assertThat(range.clipped()).isTrue();
        assertThat(range.low()).isEqualTo(0.82);
        assertThat(range.high()).isEqualTo(0.84);
        ColourRange even = ColourRange.of(new double[] {0.1, 0.2, 0.3, 0.4});
        assertThat(even.clipped()).isFalse();
        assertThat(ColourRange.of(new double[] {0.5, 0.5}).high()).isGreaterThan(0.5);
    }

    @Test
    void aHeatmapWithAnOutlierPrintsMeanAndSdAndOutlinesTheBest() throws Exception {
        Map<String, List<Object>> grid = new LinkedHashMap<>();
        grid.put("kernel", List.of("rbf", "poly"));
        grid.put("C", List.of(0.001, 0.025, 2.5, 5, 10));
        ObjectNode result = Results.sweep(grid);
        // A setting that fails: far below the others.
        ((ObjectNode) result.path("cells").get(0)).put("meanScore", 0.51);
        PlotJob job = new PlotJob("sw0000000009", "sweep", null, result);
        Figure figure = SweepPlot.figure(job);
        AnnotatedHeatMap chart = (AnnotatedHeatMap) figure.charts().get(0);
        assertThat(chart.getHeatMapSeries().getMin()).isGreaterThan(0.6);
        Files.createDirectories(EXAMPLES);
        Path png = EXAMPLES.resolve("sweep-heatmap.png");
        ChartFiles.write(figure, png);
        Images.png(png, SweepPlot.WIDTH, SweepPlot.HEIGHT);
        Path svg = EXAMPLES.resolve("sweep-heatmap.svg");
        ChartFiles.write(figure, svg);
        assertThat(Files.readString(svg)).contains("± ").contains("Best outlined in red").contains("(1 square beyond)");
    }
}
