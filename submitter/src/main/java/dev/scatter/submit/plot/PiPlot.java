package dev.scatter.submit.plot;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A pi job: the estimate as it read after each completed task, against the samples counted so far, inside its
 * 95% band, with the true value as a dashed line. The band narrowing as 1/sqrt(samples) is the point.
 */
final class PiPlot {

    static final int WIDTH = 900;
    static final int HEIGHT = 600;
    /** Beyond this many points the markers would merge into a thick line; the line alone reads better. */
    private static final int MAX_MARKED_POINTS = 40;

    private PiPlot() {
    }

    static Figure figure(String jobId, JsonNode result) {
        JsonNode running = result.path("running");
        if (!running.isArray() || running.isEmpty()) {
            throw new PlotException("pi job " + jobId + " has no running estimate in its result to plot");
        }
        int n = running.size();
        double[] samples = new double[n];
        double[] estimate = new double[n];
        double[] low = new double[n];
        double[] high = new double[n];
        for (int i = 0; i < n; i++) {
            JsonNode point = running.get(i);
            samples[i] = point.path("samples").asDouble();
            estimate[i] = point.path("estimate").asDouble();
            low[i] = point.path("low").asDouble();
            high[i] = point.path("high").asDouble();
        }
        double first = samples[0];
        double last = samples[n - 1];
        // A log axis shows the 1/sqrt(samples) narrowing evenly; it labels only the decades (as is usual), so it
        // is used once the samples span two of them. Shorter spans read better on a linear axis.
        boolean log = first > 0 && last / first >= 100;

        String title = title(jobId, result, n, last, estimate[n - 1], (high[n - 1] - low[n - 1]) / 2);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(log ? "samples counted (log scale)" : "samples counted")
                .yAxisTitle("estimate of π").build();
        ChartStyle.large(chart.getStyler());
        ChartStyle.fitTitle(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setYAxisDecimalPattern(Numbers.decimalPattern(span(low, high)));
        if (log) {
            // XChart's own log ticks, at the decades; a custom label function would replace them with linear ones.
            chart.getStyler().setXAxisLogarithmic(true);
            chart.getStyler().setXAxisLogarithmicDecadeOnly(true);
            chart.getStyler().setXAxisDecimalPattern("#,##0");
        } else {
            chart.getStyler().setxAxisTickLabelsFormattingFunction(Numbers::count);
        }

        if (n == 1) {
            // One task: no band to draw, an error bar says the same.
            XYSeries point = chart.addSeries("estimate, 95% interval", samples, estimate,
                    new double[] {(high[0] - low[0]) / 2});
            point.setMarker(SeriesMarkers.CIRCLE);
            point.setMarkerColor(ChartStyle.BLUE);
            point.setLineColor(ChartStyle.BLUE);
            chart.getStyler().setErrorBarsColorSeriesColor(true);
        } else {
            addBand(chart, samples, low, high);
            XYSeries line = chart.addSeries("running estimate", samples, estimate);
            line.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
            line.setLineColor(ChartStyle.BLUE);
            line.setLineWidth(2f);
            line.setMarker(n <= MAX_MARKED_POINTS ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            line.setMarkerColor(ChartStyle.BLUE);
        }

        // With one point the line would have no length: it then spans from no samples to twice as many.
        double[] truthX = n == 1 ? new double[] {0, 2 * first} : new double[] {first, last};
        XYSeries truth = chart.addSeries(String.format(Locale.ROOT, "π = %.6f", Math.PI), truthX,
                new double[] {Math.PI, Math.PI});
        truth.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        truth.setLineColor(ChartStyle.RED);
        truth.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {8f, 6f}, 0f));
        truth.setMarker(SeriesMarkers.NONE);
        return Figure.of(title, chart);
    }

    /** The values the y axis spans: the band and the true value. */
    private static double span(double[] low, double[] high) {
        double min = Math.PI;
        double max = Math.PI;
        for (int i = 0; i < low.length; i++) {
            min = Math.min(min, low[i]);
            max = Math.max(max, high[i]);
        }
        return max - min;
    }

    /** The band is one closed polygon: along the upper bound, then back along the lower one. */
    private static void addBand(XYChart chart, double[] samples, double[] low, double[] high) {
        int n = samples.length;
        double[] bandX = new double[2 * n];
        double[] bandY = new double[2 * n];
        for (int i = 0; i < n; i++) {
            bandX[i] = samples[i];
            bandY[i] = high[i];
            bandX[2 * n - 1 - i] = samples[i];
            bandY[2 * n - 1 - i] = low[i];
        }
        XYSeries band = chart.addSeries("95% interval", bandX, bandY);
        band.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
        band.setFillColor(ChartStyle.BLUE_BAND);
        band.setLineColor(ChartStyle.BLUE_BAND);
        band.setMarker(SeriesMarkers.NONE);
    }

    /** The title leads with the final estimate, from the result or, failing that, the last running point. */
    private static String title(String jobId, JsonNode result, int points, double samples, double estimate,
                                double halfWidth) {
        int tasks = result.path("tasks").asInt(points);
        double value = result.path("estimate").asDouble(estimate);
        double half = result.has("stdError") ? 1.96 * result.get("stdError").asDouble() : halfWidth;
        return "π ≈ " + Numbers.withUncertainty(value, half) + " (95%) from " + Numbers.count(samples)
                + " samples in " + tasks + (tasks == 1 ? " task" : " tasks") + ChartStyle.jobSuffix(jobId);
    }
}
