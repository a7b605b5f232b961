package dev.scatter.submit.plot;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
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
        for (Map.Entry<String, JsonNode> metric : metrics.properties()) {
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
            int bins = integers ? (int) (max - min) + 1 : bins(values.size());
            Histogram h = integers
                    ? new Histogram(values, bins, min - 0.5, max + 0.5)
                    : new Histogram(values, bins, min, max);
            // A bar of whole numbers is labelled by its number; any other by its edges, to as many decimals as tell
            // neighbours apart (its lower edge is in it, its upper one in the next, the last bar's in the last).
            double step = integers ? 1 : (max - min) / bins;
            for (int b = 0; b < bins; b++) {
                labels.add(integers ? Numbers.compact(min + b) : Numbers.toStep(min + b * step, step) + "–"
                        + Numbers.toStep(b == bins - 1 ? max : min + (b + 1) * step, step));
            }
            counts.addAll(h.getyAxisData());
        }
        double mean = summary.path("mean").asDouble(values.stream().mapToDouble(Double::doubleValue).average().orElse(0));
        double std = summary.path("std").asDouble(0);
        String title = name + ": mean " + Numbers.compact(mean) + ", sd " + Numbers.compact(std);
        String xTitle = name + " (" + values.size() + (tasks > 0 ? " of " + tasks : "") + " tasks"
                + (failed > 0 ? "; " + failed + " failed" : "") + ")";
        int width = single ? SINGLE_WIDTH : CELL_WIDTH;
        CategoryChart chart = new CategoryChartBuilder().width(width).height(single ? SINGLE_HEIGHT : CELL_HEIGHT)
                .title(title).xAxisTitle(xTitle).yAxisTitle("tasks").build();
        if (single) {
            ChartStyle.large(chart.getStyler());
        } else {
            ChartStyle.small(chart.getStyler());
        }
        ChartStyle.fitTitle(chart);
        chart.getStyler().setLegendVisible(false);
        // Bars touch, as a histogram's do; a lone bar stays a bar rather than filling the chart.
        chart.getStyler().setAvailableSpaceFill(labels.size() == 1 ? 0.25 : 0.96);
        chart.getStyler().setYAxisMin(0.0);
        integerTicks(chart, counts.stream().mapToDouble(Double::doubleValue).max().orElse(1));
        // Every bar keeps its label; they turn when side by side they would not fit under the plot.
        Font font = chart.getStyler().getAxisTickLabelsFont();
        FontRenderContext context = new FontRenderContext(null, true, true);
        double widest = labels.stream().mapToDouble(l -> font.getStringBounds(l, context).getWidth()).max().orElse(0);
        chart.getStyler().setXAxisLabelRotation(labels.size() * (widest + 8) > 0.85 * width ? 45 : 0);
        CategorySeries series = chart.addSeries(name, labels, counts);
        series.setFillColor(ChartStyle.BLUE);
        return chart;
    }

    /**
     * Counts are whole: XChart picks its tick step from a spacing hint in pixels, and over a small range it would
     * step by halves. A hint of about one count's height makes the step at least one.
     */
    private static void integerTicks(CategoryChart chart, double maxCount) {
        if (maxCount <= 10) {
            // The plot's height: the chart's, less its title, axis title and tick labels.
            double plotHeight = 0.92 * (chart.getHeight() - 120);
            chart.getStyler().setYAxisTickMarkSpacingHint((int) Math.ceil(plotHeight / Math.max(1, maxCount)));
        }
    }

    /** About the square root of the count (a common rule that neither over- nor under-smooths small samples). */
    static int bins(int n) {
        return Math.max(1, Math.min(MAX_BINS, (int) Math.ceil(Math.sqrt(n))));
    }
}
