package dev.scatter.plot;

import java.util.List;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * One image: one chart, or several of the same size in a grid, filled row by row. The title names the whole
 * image where the charts' own titles cannot (an SVG's {@code <title>}, which viewers and screen readers show).
 */
public record Figure(String title, List<? extends Chart<?, ?>> charts, int columns) {

    public Figure {
        if (charts.isEmpty() || columns < 1) {
            throw new IllegalArgumentException("a figure needs at least one chart and one column");
        }
        charts = List.copyOf(charts);
    }

    public static Figure of(String title, Chart<?, ?> chart) {
        return new Figure(title, List.of(chart), 1);
    }

    int cellWidth() {
        return charts.stream().mapToInt(Chart::getWidth).max().orElseThrow();
    }

    int cellHeight() {
        return charts.stream().mapToInt(Chart::getHeight).max().orElseThrow();
    }

    int usedColumns() {
        return Math.min(columns, charts.size());
    }

    int rows() {
        return (charts.size() + columns - 1) / columns;
    }

    int width() {
        return usedColumns() * cellWidth();
    }

    int height() {
        return rows() * cellHeight();
    }
}
