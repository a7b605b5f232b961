package dev.scatter.submit.plot;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/**
 * A heatmap whose squares print their mean and ± standard deviation on two lines, with one square outlined (the
 * best) and a label beside the colour bar: what XChart's heatmap does not draw itself. Drawn over the chart
 * XChart paints, in the plot's bounds (the heatmap fills them: plot content size 1).
 */
final class AnnotatedHeatMap extends HeatMapChart {

    /** What one square says; {@code x} and {@code y} are its indexes, y counted from the bottom. */
    record Square(int x, int y, String mean, String std) {
    }

    private final int columns;
    private final int rows;
    private final List<Square> squares;
    private final Square best;
    private final String colourLabel;
    private final String footnote;

    /** Room kept along the right edge for the colour bar's label, and along the bottom for the footnote. */
    private static final int LABEL_BAND = 26;
    private static final int FOOTNOTE_BAND = 24;

    AnnotatedHeatMap(HeatMapChartBuilder builder, int columns, int rows, List<Square> squares, Square best,
                     String colourLabel, String footnote) {
        super(builder);
        this.columns = columns;
        this.rows = rows;
        this.squares = List.copyOf(squares);
        this.best = best;
        this.colourLabel = colourLabel;
        this.footnote = footnote;
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        getStyler().setShowValue(false);
        g.setColor(getStyler().getChartBackgroundColor());
        g.fillRect(0, 0, width, height);
        super.paint(g, width - LABEL_BAND, height - FOOTNOTE_BAND);
        // XChart takes the size it paints at as the chart's size: the chart is still the whole image.
        setWidth(width);
        setHeight(height);
        Rectangle2D plotArea = plot.getBounds();
        double w = plotArea.getWidth() / columns;
        double h = plotArea.getHeight() / rows;
        float size = (float) Math.max(8, Math.min(14, Math.min(w / 5.5, h / 3.2)));
        Font plain = new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(size));
        Font small = new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(size * 0.85f));
        Font bold = plain.deriveFont(Font.BOLD);
        g.setColor(ChartStyle.INK);
        for (Square s : squares) {
            double left = plotArea.getX() + s.x() * w;
            double top = plotArea.getY() + plotArea.getHeight() - (s.y() + 1) * h;
            boolean twoLines = s.std() != null && h >= 2.6 * size;
            Font first = s.equals(best) ? bold : plain;
            if (twoLines) {
                centred(g, first, s.mean(), left + w / 2, top + h / 2 - size * 0.15);
                centred(g, small, "± " + s.std(), left + w / 2, top + h / 2 + size * 0.95);
            } else {
                centred(g, first, s.mean(), left + w / 2, top + h / 2 + size * 0.35);
            }
        }
        if (best != null) {
            double left = plotArea.getX() + best.x() * w;
            double top = plotArea.getY() + plotArea.getHeight() - (best.y() + 1) * h;
            Graphics2D outline = (Graphics2D) g.create();
            outline.setColor(ChartStyle.RED);
            outline.setStroke(new BasicStroke(3f));
            outline.draw(new Rectangle2D.Double(left + 1.5, top + 1.5, w - 3, h - 3));
            outline.dispose();
        }
        // The colour bar's label, along the chart's right edge, reading upwards.
        Graphics2D label = (Graphics2D) g.create();
        label.setColor(ChartStyle.INK);
        label.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics metrics = label.getFontMetrics();
        AffineTransform upwards = AffineTransform.getRotateInstance(-Math.PI / 2);
        label.translate(width - 9.0, plotArea.getY() + plotArea.getHeight() / 2 + metrics.stringWidth(colourLabel) / 2.0);
        label.transform(upwards);
        label.drawString(colourLabel, 0, 0);
        label.dispose();
        g.setColor(ChartStyle.INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(footnote, 10f, height - 8f);
    }

    private static void centred(Graphics2D g, Font font, String text, double x, double baseline) {
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, (float) (x - metrics.stringWidth(text) / 2.0), (float) baseline);
    }
}
