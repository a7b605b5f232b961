package dev.scatter.kinds.sweep;

import java.util.List;

/**
 * A parsed dataset: numeric features, a class per row, and the fold column's value per row when there is one.
 *
 * @param features the feature columns' names, in the order of {@code x}'s columns
 * @param x        the features, one array per row
 * @param y        each row's class, an index into {@code classes}
 * @param classes  the class labels, sorted as scikit-learn sorts them (numerically when every label is a number,
 *                 else as text): LIBSVM's result depends on the class order, so it must be scikit-learn's
 * @param foldIds  the fold column's value per row, or null without a fold column
 */
public record Dataset(List<String> features, double[][] x, int[] y, List<String> classes, long[] foldIds) {

    public int rows() {
        return y.length;
    }

    /** How many rows each class has. */
    public int[] classCounts() {
        int[] counts = new int[classes.size()];
        for (int c : y) {
            counts[c]++;
        }
        return counts;
    }

    /** The class with the fewest rows. */
    public int smallestClass() {
        int[] counts = classCounts();
        int smallest = 0;
        for (int c = 1; c < counts.length; c++) {
            if (counts[c] < counts[smallest]) {
                smallest = c;
            }
        }
        return smallest;
    }

    /** A rough size in memory, for the cache's bound. */
    long estimatedBytes() {
        return (long) rows() * (features.size() * 8L + 40);
    }
}
