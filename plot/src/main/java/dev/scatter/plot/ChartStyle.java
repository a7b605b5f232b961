package dev.scatter.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;

/** The look every plot shares: white background, fonts large enough to read when the image is shrunk. */
public final class ChartStyle {

    public static final Color INK = new Color(0x22, 0x22, 0x22);
    public static final Color BLUE = new Color(0x1f, 0x77, 0xb4);
    public static final Color BLUE_BAND = new Color(0x1f, 0x77, 0xb4, 0x40);
    public static final Color RED = new Color(0xd6, 0x27, 0x28);
    static final Color GRID = new Color(0xdd, 0xdd, 0xdd);

    private ChartStyle() {
    }

    /** Styles a full-size chart (one per image). */
    public static <S extends AxesChartStyler> S large(S styler) {
        return common(styler, 1.0f);
    }

    /** Styles one of several small charts in a grid: the same look, slightly smaller type. */
    public static <S extends AxesChartStyler> S small(S styler) {
        return common(styler, 0.85f);
    }

    private static <S extends AxesChartStyler> S common(S styler, float scale) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.GRAY);
        styler.setPlotGridLinesColor(GRID);
        styler.setChartFontColor(INK);
        styler.setAxisTickLabelsColor(INK);
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitleFont(font(Font.BOLD, 17 * scale));
        styler.setAxisTitleFont(font(Font.PLAIN, 15 * scale));
        styler.setAxisTickLabelsFont(font(Font.PLAIN, 13 * scale));
        styler.setLegendFont(font(Font.PLAIN, 13 * scale));
        styler.setLegendBorderColor(Color.LIGHT_GRAY);
        styler.setChartPadding(12);
        styler.setAntiAlias(true);
        return styler;
    }

    /**
     * Shrinks the title's type until it fits the chart's width: XChart draws a title on one line and clips what
     * does not fit. Titles here carry the job id and numbers, whose length varies.
     */
    public static void fitTitle(Chart<?, ?> chart) {
        Font font = chart.getStyler().getChartTitleFont();
        double room = chart.getWidth() - 4.0 * chart.getStyler().getChartPadding();
        FontRenderContext context = new FontRenderContext(null, true, true);
        while (font.getSize() > 11 && font.getStringBounds(chart.getTitle(), context).getWidth() > room) {
            font = font.deriveFont((float) font.getSize() - 1);
        }
        chart.getStyler().setChartTitleFont(font);
    }

    /**
     * "(job mh3k2x9a7f2kq)" for a chart title. A job on a queue with a long name keeps the queue's start and the
     * whole id, which is what tells jobs apart.
     */
    public static String jobSuffix(String jobId) {
        int slash = jobId.lastIndexOf('/');
        String shown = slash > 12 ? jobId.substring(0, 10) + "…" + jobId.substring(slash) : jobId;
        return " (job " + shown + ")";
    }

    private static Font font(int style, float size) {
        return new Font(Font.SANS_SERIF, style, Math.round(size));
    }
}
