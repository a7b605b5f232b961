package dev.scatter.submit.plot;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
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
        // A log axis shows the 1/sqrt(samples) narrowing evenly, but only once the samples span a decade.
        boolean log = first > 0 && last / first >= 10;

        String title = title(jobId, result, n, last);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(log ? "samples counted (log scale)" : "samples counted")
                .yAxisTitle("estimate of π").build();
        ChartStyle.large(chart.getStyler());
        chart.getStyler().setXAxisLogarithmic(log);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(Numbers::count);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);

        // The band is one closed polygon: along the upper bound, then back along the lower one.
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

        XYSeries line = chart.addSeries("running estimate", samples, estimate);
        line.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        line.setLineColor(ChartStyle.BLUE);
        line.setLineWidth(2f);
        line.setMarker(n <= MAX_MARKED_POINTS ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        line.setMarkerColor(ChartStyle.BLUE);

        XYSeries truth = chart.addSeries(String.format(Locale.ROOT, "π = %.6f", Math.PI),
                new double[] {first, last}, new double[] {Math.PI, Math.PI});
        truth.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        truth.setLineColor(ChartStyle.RED);
        truth.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {8f, 6f}, 0f));
        truth.setMarker(SeriesMarkers.NONE);
        return Figure.of(title, chart);
    }

    private static String title(String jobId, JsonNode result, int points, double samples) {
        int tasks = result.path("tasks").asInt(points);
        String estimate = result.has("estimate") && result.has("stdError")
                ? String.format(Locale.ROOT, " %.5f ± %.5f", result.get("estimate").asDouble(),
                        1.96 * result.get("stdError").asDouble())
                : "";
        return "π ≈" + estimate + " from " + Numbers.count(samples) + " samples in " + tasks
                + (tasks == 1 ? " task" : " tasks") + " (job " + jobId + ")";
    }
}
