package dev.scatter.submit.plot;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.Histogram;

/**
 * A command sweep: the distribution over tasks of each numeric metric the commands printed, one histogram per
 * metric, in a grid of small charts.
 */
final class CommandPlot {

    /** One metric gets a chart of full size. */
    static final int SINGLE_WIDTH = 900;
    static final int SINGLE_HEIGHT = 600;
    /** Several share the image: two columns while that keeps it square-ish, then three. */
    static final int CELL_WIDTH = 560;
    static final int CELL_HEIGHT = 380;
    private static final int MAX_BINS = 30;
    /** Few enough that each integer value gets its own labelled bar. */
    private static final int MAX_INTEGER_BINS = 30;

    private CommandPlot() {
    }

    static int columns(int metrics) {
        return metrics == 1 ? 1 : metrics <= 4 ? 2 : 3;
    }

    static Figure figure(PlotJob job) {
        JsonNode metrics = job.result().path("metrics");
        int tasks = job.result().path("tasks").asInt();
        int failed = job.result().path("failed").size();
        List<CategoryChart> charts = new ArrayList<>();
        boolean single = metrics.size() == 1;
        for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> metric = it.next();
            List<Double> values = new ArrayList<>();
            metric.getValue().path("values").forEach(v -> {
                if (v.isNumber() && Double.isFinite(v.asDouble())) {
                    values.add(v.asDouble());
                }
            });
            if (!values.isEmpty()) {
                charts.add(histogram(metric.getKey(), metric.getValue(), values, tasks, failed, single));
            }
        }
        if (charts.isEmpty()) {
            throw new PlotException("command job " + job.id() + " has no numeric metrics to plot: its commands printed"
                    + " no JSON object with numbers on their last line of output"
                    + (failed > 0 ? " (" + failed + " of " + tasks + " tasks failed)" : ""));
        }
        String title = "Metrics of command job " + job.id() + ": " + tasks + " tasks"
                + (failed > 0 ? ", " + failed + " failed" : "");
        return new Figure(title, charts, columns(charts.size()));
    }

    private static CategoryChart histogram(String name, JsonNode summary, List<Double> values, int tasks, int failed,
                                           boolean single) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        List<String> labels = new ArrayList<>();
        List<Double> counts = new ArrayList<>();
        if (min == max) {
            // Every task reported the same value: one bar (XChart's Histogram needs a range to split).
            labels.add(Numbers.compact(min));
            counts.add((double) values.size());
        } else {
            boolean integers = values.stream().allMatch(v -> v == Math.rint(v)) && max - min < MAX_INTEGER_BINS;
            Histogram h = integers
                    ? new Histogram(values, (int) (max - min) + 1, min - 0.5, max + 0.5)
                    : new Histogram(values, bins(values.size()), min, max);
            h.getxAxisData().forEach(center -> labels.add(Numbers.compact(center)));
            counts.addAll(h.getyAxisData());
        }
        double mean = summary.path("mean").asDouble(values.stream().mapToDouble(Double::doubleValue).average().orElse(0));
        double std = summary.path("std").asDouble(0);
        String title = name + ": mean " + Numbers.plusMinus(mean, std) + " (sd)";
        String xTitle = name + " (" + values.size() + (tasks > 0 ? " of " + tasks : "") + " tasks"
                + (failed > 0 ? "; " + failed + " failed" : "") + ")";
        CategoryChart chart = new CategoryChartBuilder()
                .width(single ? SINGLE_WIDTH : CELL_WIDTH).height(single ? SINGLE_HEIGHT : CELL_HEIGHT)
                .title(title).xAxisTitle(xTitle).yAxisTitle("tasks").build();
        if (single) {
            ChartStyle.large(chart.getStyler());
        } else {
            ChartStyle.small(chart.getStyler());
        }
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setAvailableSpaceFill(0.96);
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisMaxLabelCount(single ? 16 : 8);
        CategorySeries series = chart.addSeries(name, labels, counts);
        series.setFillColor(ChartStyle.BLUE);
        return chart;
    }

    /** About the square root of the count (a common rule that neither over- nor under-smooths small samples). */
    static int bins(int n) {
        return Math.max(1, Math.min(MAX_BINS, (int) Math.ceil(Math.sqrt(n))));
    }
}
