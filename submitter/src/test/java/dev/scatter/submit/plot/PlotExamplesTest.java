package dev.scatter.submit.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The pi and command plots drawn into target/plot-examples/, to be looked at (docs/plots holds copies). */
class PlotExamplesTest {

    private static final Path EXAMPLES = Path.of("target", "plot-examples");

    @Test
    void piAndCommandPlots() throws Exception {
        Files.createDirectories(EXAMPLES);
        PlotJob pi = new PlotJob("pi0000000001", "pi", null, Results.pi(60, 200_000, 1));
        Path piPng = EXAMPLES.resolve("pi.png");
        Plotter.plot(pi, piPng);
        Images.png(piPng, PiPlot.WIDTH, PiPlot.HEIGHT);
        PlotJob cmd = new PlotJob("cm0000000001", "cmd", null, Results.commands(200));
        Path cmdPng = EXAMPLES.resolve("cmd-metrics.png");
        Plotter.plot(cmd, cmdPng);
        assertThat(Files.size(cmdPng)).isPositive();
    }

    @Test
    void axisLabelsShareTheirDecimalsAndBinsAreLabelledByEdges() throws Exception {
        assertThat(Numbers.decimalPattern(0.0185)).isEqualTo("0.000");
        assertThat(Numbers.decimalPattern(40)).isEqualTo("0");
        assertThat(Numbers.decimalPattern(0)).isEqualTo("0.####");
        PlotJob cmd = new PlotJob("cm0000000002", "cmd", null, Results.commands(200));
        Figure figure = CommandPlot.figure(cmd);
        var loss = (org.knowm.xchart.CategoryChart) figure.charts().get(0);
        assertThat(loss.getSeriesMap().values().iterator().next().getXData())
                .allSatisfy(label -> assertThat(label.toString()).matches("\\d\\.\\d+–\\d\\.\\d+"));
    }
}
