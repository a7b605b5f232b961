package dev.scatter.submit.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import dev.scatter.kinds.cmd.CommandPlot;
import dev.scatter.kinds.pi.PiPlot;
import dev.scatter.kinds.sweep.AnnotatedHeatMap;
import dev.scatter.kinds.sweep.ColourRange;
import dev.scatter.kinds.sweep.SweepPlot;
import dev.scatter.plot.ChartFiles;
import dev.scatter.plot.Figure;
import dev.scatter.plot.Numbers;
import dev.scatter.plot.PlotJob;
import dev.scatter.task.TaskKinds;
import org.junit.jupiter.api.Test;

/** The pi and command plots drawn into target/plot-examples/, to be looked at (docs/plots holds copies). */
class PlotExamplesTest {

    private static final Path EXAMPLES = Path.of("target", "plot-examples");

    @Test
    void piAndCommandPlots() throws Exception {
        Files.createDirectories(EXAMPLES);
        PlotJob pi = new PlotJob("pi0000000001", "pi", null, Results.pi(60, 200_000, 1));
        Path piPng = EXAMPLES.resolve("pi.png");
        Plotter.plot(TaskKinds.load(PlotExamplesTest.class.getClassLoader()), pi, piPng);
        Images.png(piPng, PiPlot.WIDTH, PiPlot.HEIGHT);
        PlotJob cmd = new PlotJob("cm0000000001", "cmd", null, Results.commands(200));
        Path cmdPng = EXAMPLES.resolve("cmd-metrics.png");
        Plotter.plot(TaskKinds.load(PlotExamplesTest.class.getClassLoader()), cmd, cmdPng);
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
