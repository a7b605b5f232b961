package dev.scatter.submit.plot;

import dev.scatter.submit.plot.SweepCells.Axis;
import dev.scatter.submit.plot.SweepCells.Cell;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
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
        SweepCells grid = SweepCells.of(job.id(), job.result());
        String score = scoreName(job);
        List<Axis> varying = grid.varyingByValueCount();
        if (varying.isEmpty()) {
            Cell only = grid.best();
            throw new PlotException("sweep job " + job.id() + " varies no parameter, so there is nothing to plot (mean "
                    + score + " " + score(only.mean()) + ")");
        }
        Chart<?, ?> chart = varying.size() == 1
                ? line(job, grid, varying.get(0), score)
                : heatmap(job, grid, varying.get(0), varying.get(1), varying.subList(2, varying.size()), score);
        ChartStyle.fitTitle(chart);
        return Figure.of(chart.getTitle(), chart);
    }

    private static AnnotatedHeatMap heatmap(PlotJob job, SweepCells grid, Axis x, Axis y, List<Axis> others, String score) {
        // Named values read top-down in grid order; numbers read upwards, as on any axis.
        List<String> yKeys = new ArrayList<>(y.keys());
        List<String> yLabels = new ArrayList<>(y.labels());
        if (!y.numeric()) {
            java.util.Collections.reverse(yKeys);
            java.util.Collections.reverse(yLabels);
        }
        // Each square shows the best cell there: with exactly two parameters varying there is one cell per square;
        // with more, the others are maximised over.
        Map<List<Integer>, Cell> best = new LinkedHashMap<>();
        for (Cell c : grid.cells()) {
            List<Integer> at = List.of(x.keys().indexOf(c.params().get(x.name())), yKeys.indexOf(c.params().get(y.name())));
            best.merge(at, c, (a, b) -> b.mean() > a.mean() ? b : a);
        }
        List<Number[]> data = new ArrayList<>();
        List<AnnotatedHeatMap.Square> squares = new ArrayList<>();
        Cell top = grid.best();
        AnnotatedHeatMap.Square topSquare = null;
        boolean folds = grid.folds() > 1;
        for (Map.Entry<List<Integer>, Cell> e : best.entrySet()) {
            Cell c = e.getValue();
            data.add(new Number[] {e.getKey().get(0), e.getKey().get(1), c.mean()});
            AnnotatedHeatMap.Square square = new AnnotatedHeatMap.Square(e.getKey().get(0), e.getKey().get(1),
                    score(c.mean()), folds ? score(c.std()) : null);
            squares.add(square);
            if (c == top) {
                topSquare = square;
            }
        }
        ColourRange range = ColourRange.of(best.values().stream().mapToDouble(Cell::mean).toArray());

        String title = others.isEmpty()
                ? "Mean " + score + " by " + x.name() + " and " + y.name() + ChartStyle.jobSuffix(job.id())
                : "Mean " + score + " by " + x.name() + " and " + y.name() + ", best over "
                        + String.join(" and ", others.stream().map(Axis::name).toList()) + ChartStyle.jobSuffix(job.id());
        long beyond = best.values().stream().filter(c -> c.mean() < range.low() || c.mean() > range.high()).count();
        String footnote = (folds ? "Mean ± sd over " + grid.folds() + " folds. " : "")
                + (range.clipped() ? "Colours span " + score(range.low()) + " to " + score(range.high())
                        + ", the spread without outliers (" + beyond + " square" + (beyond == 1 ? "" : "s")
                        + " beyond). " : "")
                + "Best outlined in red.";
        AnnotatedHeatMap chart = new AnnotatedHeatMap(new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(x.name()).yAxisTitle(y.name()), x.size(), yKeys.size(), squares, topSquare,
                "mean " + score, footnote);
        ChartStyle.large(chart.getStyler());
        chart.getStyler().setRangeColors(RANGE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setPlotContentSize(1.0);
        chart.getStyler().setXAxisLabelRotation(x.size() > 10 ? 45 : 0);
        HeatMapSeries series = chart.addSeries("mean " + score, x.labels(), yLabels, data);
        // The colour bar's end labels are printed as raw doubles: at the scores' own precision they read as they do.
        series.setMin(Math.floor(range.low() * 1000) / 1000);
        series.setMax(Math.ceil(range.high() * 1000) / 1000);
        return chart;
    }

    private static XYChart line(PlotJob job, SweepCells grid, Axis x, String score) {
        int n = x.size();
        double[] mean = new double[n];
        double[] std = new double[n];
        for (Cell c : grid.cells()) {
            int i = x.keys().indexOf(c.params().get(x.name()));
            mean[i] = c.mean();
            std[i] = c.std();
        }
        // Named values (kernels) stand at 0, 1, 2... and are labelled by name.
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = x.numeric() ? x.numbers()[i] : i;
        }
        // Grids such as logspace(-3, 1, 9) only read on a log axis.
        boolean log = x.numeric() && xs[0] > 0 && xs[n - 1] / xs[0] >= 100;
        Cell top = grid.best();
        String title = "Mean " + score + " by " + x.name() + ": best " + score(top.mean()) + " at "
                + grid.describe(top, List.of(x)) + ChartStyle.jobSuffix(job.id());
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(log ? x.name() + " (log scale)" : x.name()).yAxisTitle("mean " + score).build();
        ChartStyle.large(chart.getStyler());
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        if (log) {
            // XChart's own log ticks; a label function would replace them with linear ones.
            chart.getStyler().setXAxisLogarithmic(true);
        } else {
            // Ticks at the grid's values, labelled as the grid names them.
            chart.getStyler().setxAxisTickLabelsFormattingFunction(label(x));
        }
        String name = "mean " + score + " ± sd" + (grid.folds() > 1 ? " over " + grid.folds() + " folds" : "");
        XYSeries series = chart.addSeries(name, xs, mean, std);
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

    /** Tick labels: a grid value's own label, nothing between values. */
    private static Function<Double, String> label(Axis x) {
        return tick -> {
            for (int i = 0; i < x.size(); i++) {
                double at = x.numeric() ? x.numbers()[i] : i;
                if (Math.abs(at - tick) <= 1e-9 * Math.max(1, Math.abs(at))) {
                    return x.labels().get(i);
                }
            }
            return "";
        };
    }

    private static String score(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String scoreName(PlotJob job) {
        String name = job.result().path("scoring").asText(job.params().path("scoring").asText(""));
        return name.isEmpty() ? "score" : name.replace('_', ' ');
    }
}
