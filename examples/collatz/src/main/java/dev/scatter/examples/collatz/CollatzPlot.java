package dev.scatter.examples.collatz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scatter.plot.ChartFiles;
import dev.scatter.plot.ChartStyle;
import dev.scatter.plot.Figure;
import dev.scatter.task.JobPlot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** {@code submit result JOB --plot chain.png}: the winning chain, its values step by step on a log scale. */
final class CollatzPlot implements JobPlot {

    @Override
    public void draw(String id, JsonNode params, JsonNode result, Path file) throws IOException {
        long n = result.path("start").asLong();
        List<Integer> steps = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int step = 0; ; step++) {
            steps.add(step);
            values.add((double) n);
            if (n == 1) {
                break;
            }
            n = (n & 1) == 0 ? n >>> 1 : 3 * n + 1;
        }
        XYChart chart = new XYChartBuilder().width(900).height(600)
                .title("Collatz chain of " + result.path("start").asLong() + ": " + (steps.size() - 1) + " steps"
                        + ChartStyle.jobSuffix(id))
                .xAxisTitle("step").yAxisTitle("value").build();
        ChartStyle.large(chart.getStyler());
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendVisible(false);
        XYSeries chain = chart.addSeries("chain", steps, values);
        chain.setMarker(SeriesMarkers.NONE);
        chain.setLineColor(ChartStyle.BLUE);
        ChartFiles.write(Figure.of(chart.getTitle(), chart), file);
    }
}
