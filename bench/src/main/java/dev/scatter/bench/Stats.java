package dev.scatter.bench;

import java.util.Arrays;
import java.util.List;

/** Medians and percentiles of a benchmark's repeated measurements. */
final class Stats {

    private Stats() {
    }

    static double median(List<Double> values) {
        double[] sorted = sorted(values);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The nearest-rank percentile: the smallest value with at least {@code p}% of the values at or below it. */
    static double percentile(List<Double> values, double p) {
        double[] sorted = sorted(values);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double mean(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        return values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
    }

    static double min(List<Double> values) {
        return sorted(values)[0];
    }

    static double max(List<Double> values) {
        double[] sorted = sorted(values);
        return sorted[sorted.length - 1];
    }

    private static double[] sorted(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }
}
