package dev.scatter.submit.plot;

import dev.scatter.submit.plot.SweepGrid.Axis;
import dev.scatter.submit.plot.SweepGrid.Cell;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.HeatMapSeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A model-fit sweep: with two (or more) varying parameters, a heatmap of the mean score over the two with the
 * most values, taking the best over the others; with one, the mean score against it with ± one standard
 * deviation over the folds as error bars.
 */
final class SweepPlot {

    static final int WIDTH = 900;
    static final int HEIGHT = 650;
    /** Light to dark, so that the cell values printed in black stay readable (YlGnBu, stopping short of navy). */
    private static final Color[] RANGE = {
        new Color(0xff, 0xff, 0xd9), new Color(0xc7, 0xe9, 0xb4), new Color(0x7f, 0xcd, 0xbb),
        new Color(0x41, 0xb6, 0xc4), new Color(0x1d, 0x91, 0xc0)};

    private SweepPlot() {
    }

    static Figure figure(PlotJob job) {
        SweepGrid grid = SweepGrid.of(job.id(), job.result());
        String score = scoreName(job);
        List<Axis> varying = grid.varyingByValueCount();
        if (varying.isEmpty()) {
            Cell only = grid.best();
            throw new PlotException("sweep job " + job.id() + " varies no parameter, so there is nothing to plot (mean "
                    + score + " " + Numbers.plusMinus(only.mean(), only.std()) + ")");
        }
        Chart<?, ?> chart = varying.size() == 1
                ? line(job, grid, varying.get(0), score)
                : heatmap(job, grid, varying.get(0), varying.get(1), varying.subList(2, varying.size()), score);
        return Figure.of(chart.getTitle(), chart);
    }

    private static HeatMapChart heatmap(PlotJob job, SweepGrid grid, Axis x, Axis y, List<Axis> others, String score) {
        // Each (x, y) square shows the best mean score among the cells there: with exactly two parameters
        // varying there is one cell per square; with more, the others are maximised over.
        Map<List<Integer>, Double> best = new LinkedHashMap<>();
        for (Cell c : grid.cells()) {
            List<Integer> at = List.of(x.keys().indexOf(c.params().get(x.name())), y.keys().indexOf(c.params().get(y.name())));
            best.merge(at, c.mean(), Math::max);
        }
        List<Number[]> data = new ArrayList<>();
        best.forEach((at, mean) -> data.add(new Number[] {at.get(0), at.get(1), mean}));
        double min = best.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = best.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();

        Cell top = grid.best();
        String over = others.isEmpty() ? "Mean " + score
                : "Best mean " + score + " over " + String.join(", ", others.stream().map(Axis::name).toList());
        String title = over + " by " + x.name() + " and " + y.name() + "; best " + Numbers.compact(top.mean())
                + " at " + grid.describe(top, grid.varying()) + " (job " + job.id() + ")";
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(x.name()).yAxisTitle(y.name()).build();
        ChartStyle.large(chart.getStyler());
        chart.getStyler().setRangeColors(RANGE);
        chart.getStyler().setShowValue(true);
        chart.getStyler().setValueFontColor(ChartStyle.INK);
        chart.getStyler().setValueFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN,
                x.size() > 12 ? 10 : 13));
        chart.getStyler().setHeatMapValueDecimalPattern("0.000");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setPlotContentSize(1.0);
        chart.getStyler().setXAxisLabelRotation(x.size() > 10 ? 45 : 0);
        HeatMapSeries series = chart.addSeries("mean " + score, x.labels(), y.labels(), data);
        // The colour scale's end labels are printed as raw doubles: round them so they read as the scores do.
        series.setMin(Math.floor(min * 100) / 100);
        series.setMax(Math.ceil(max * 100) / 100);
        return chart;
    }

    private static Chart<?, ?> line(PlotJob job, SweepGrid grid, Axis x, String score) {
        double[] mean = new double[x.size()];
        double[] std = new double[x.size()];
        for (Cell c : grid.cells()) {
            int i = x.keys().indexOf(c.params().get(x.name()));
            mean[i] = c.mean();
            std[i] = c.std();
        }
        Cell top = grid.best();
        String title = "Mean " + score + " by " + x.name() + "; best " + Numbers.compact(top.mean()) + " at "
                + grid.describe(top, List.of(x)) + " (job " + job.id() + ")";
        String seriesName = "mean " + score + " ± sd" + (grid.folds() > 1 ? " over " + grid.folds() + " folds" : "");
        String yTitle = "mean " + score;
        if (!x.numeric()) {
            CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                    .xAxisTitle(x.name()).yAxisTitle(yTitle).build();
            ChartStyle.large(chart.getStyler());
            chart.getStyler().setErrorBarsColorSeriesColor(true);
            CategorySeries series = chart.addSeries(seriesName, x.labels(), boxed(mean), boxed(std));
            series.setChartCategorySeriesRenderStyle(CategorySeriesRenderStyle.Line);
            series.setLineColor(ChartStyle.BLUE);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setMarkerColor(ChartStyle.BLUE);
            return chart;
        }
        double[] xs = x.numbers();
        // Grids such as logspace(-3, 1, 9) only read on a log axis.
        boolean log = xs[0] > 0 && xs[xs.length - 1] / xs[0] >= 100;
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(log ? x.name() + " (log scale)" : x.name()).yAxisTitle(yTitle).build();
        ChartStyle.large(chart.getStyler());
        chart.getStyler().setXAxisLogarithmic(log);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(Numbers::compact);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        XYSeries series = chart.addSeries(seriesName, xs, mean, std);
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        series.setLineColor(ChartStyle.BLUE);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(ChartStyle.BLUE);
        XYSeries best = chart.addSeries("best: " + grid.describe(top, List.of(x)),
                new double[] {xs[x.keys().indexOf(top.params().get(x.name()))]}, new double[] {top.mean()});
        best.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        best.setMarker(SeriesMarkers.DIAMOND);
        best.setMarkerColor(ChartStyle.RED);
        return chart;
    }

    private static String scoreName(PlotJob job) {
        String name = job.result().path("scoring").asText(job.params().path("scoring").asText(""));
        return name.isEmpty() ? "score" : name.replace('_', ' ');
    }

    private static List<Double> boxed(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return list;
    }
}
