package dev.scatter.submit.plot;

import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** The look every plot shares: white background, fonts large enough to read when the image is shrunk. */
final class ChartStyle {

    static final Color INK = new Color(0x22, 0x22, 0x22);
    static final Color BLUE = new Color(0x1f, 0x77, 0xb4);
    static final Color BLUE_BAND = new Color(0x1f, 0x77, 0xb4, 0x40);
    static final Color RED = new Color(0xd6, 0x27, 0x28);
    static final Color GRID = new Color(0xdd, 0xdd, 0xdd);

    private ChartStyle() {
    }

    /** Styles a full-size chart (one per image). */
    static <S extends AxesChartStyler> S large(S styler) {
        return common(styler, 1.0f);
    }

    /** Styles one of several small charts in a grid: the same look, slightly smaller type. */
    static <S extends AxesChartStyler> S small(S styler) {
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
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setChartPadding(12);
        styler.setAntiAlias(true);
        return styler;
    }

    private static Font font(int style, float size) {
        return new Font(Font.SANS_SERIF, style, Math.round(size));
    }
}
