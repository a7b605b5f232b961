package dev.scatter.submit.plot;

import java.util.Arrays;

/**
 * The range a heatmap's colours span: the cells' spread without their outliers (Tukey's fences, 1.5 interquartile
 * ranges beyond the quartiles), so that one failed setting far below the rest does not wash out the differences
 * that matter. Cells beyond it take the end colours and still print their values.
 */
record ColourRange(double low, double high, boolean clipped) {

    static ColourRange of(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double min = sorted[0];
        double max = sorted[sorted.length - 1];
        double low = min;
        double high = max;
        if (sorted.length >= 4) {
            double q1 = quantile(sorted, 0.25);
            double q3 = quantile(sorted, 0.75);
            double fence = 1.5 * (q3 - q1);
            low = Math.max(min, q1 - fence);
            high = Math.min(max, q3 + fence);
            // Only the cells inside the fences set the range: it ends at the last of them, not at the fence.
            double lo = low;
            double hi = high;
            low = Arrays.stream(sorted).filter(v -> v >= lo).min().orElse(min);
            high = Arrays.stream(sorted).filter(v -> v <= hi).max().orElse(max);
        }
        if (high <= low) {
            double pad = Math.max(1e-3, Math.abs(low) * 1e-3);
            return new ColourRange(low - pad, high + pad, false);
        }
        return new ColourRange(low, high, low > min || high < max);
    }

    /** Linear interpolation between the closest ranks (numpy's default). */
    private static double quantile(double[] sorted, double q) {
        double at = q * (sorted.length - 1);
        int below = (int) Math.floor(at);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (at - below) * (sorted[above] - sorted[below]);
    }
}
