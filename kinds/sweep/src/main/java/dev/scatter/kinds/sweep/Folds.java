package dev.scatter.kinds.sweep;

import dev.scatter.task.SplitMix64;
import dev.scatter.task.InvalidParametersException;
import java.util.Arrays;

/**
 * Which fold tests each row: stratified and seeded, or given by a fold column.
 *
 * <p>Stratified: classes are taken in their sorted order; each class's rows, in file order, are shuffled by a
 * Fisher–Yates pass driven by {@link SplitMix64} (one generator seeded with the sweep's seed, shared by all
 * classes; swap index {@code j = next mod (i + 1)} for i from the last row down to 1), then dealt to folds 0, 1,
 * ..., k−1, 0, ... with the dealing continuing from class to class. Each class is spread over the folds evenly
 * (counts differ by at most one) and so are the rows; the assignment depends only on the labels, k and the seed.
 * This is not scikit-learn's StratifiedKFold shuffle (which draws from numpy's Mersenne Twister): the reference
 * script reproduces this assignment and hands it to scikit-learn as a PredefinedSplit.
 *
 * <p>Fold column: its distinct values, sorted, are folds 0, 1, ...; rows with a negative value are never tested
 * (always trained on), as in scikit-learn's PredefinedSplit.
 */
public final class Folds {

    /** Rows never tested. */
    public static final int TRAIN_ONLY = -1;

    private Folds() {
    }

    /** Each row's fold, 0 to k−1. */
    public static int[] stratified(int[] classes, int classCount, int k, long seed) {
        int[] counts = new int[classCount];
        for (int c : classes) {
            counts[c]++;
        }
        int[] fold = new int[classes.length];
        SplitMix64 random = new SplitMix64(seed);
        int next = 0;
        for (int c = 0; c < classCount; c++) {
            int[] rows = new int[counts[c]];
            int n = 0;
            for (int i = 0; i < classes.length; i++) {
                if (classes[i] == c) {
                    rows[n++] = i;
                }
            }
            for (int i = rows.length - 1; i > 0; i--) {
                int j = (int) random.nextBelow(i + 1L);
                int swap = rows[i];
                rows[i] = rows[j];
                rows[j] = swap;
            }
            for (int row : rows) {
                fold[row] = next;
                next = (next + 1) % k;
            }
        }
        return fold;
    }

    /** The distinct non-negative values of a fold column, sorted: value {@code values[f]} is fold f. */
    public static long[] distinctFolds(long[] foldIds) {
        return Arrays.stream(foldIds).filter(v -> v >= 0).distinct().sorted().toArray();
    }

    /** Each row's fold from a fold column, or {@link #TRAIN_ONLY}. */
    public static int[] fromColumn(long[] foldIds) {
        long[] values = distinctFolds(foldIds);
        int[] fold = new int[foldIds.length];
        for (int i = 0; i < fold.length; i++) {
            fold[i] = foldIds[i] < 0 ? TRAIN_ONLY : Arrays.binarySearch(values, foldIds[i]);
        }
        return fold;
    }

    /** Refuses more folds than the smallest class has rows: some fold would then test none of that class. */
    public static void checkStratifiable(Dataset data, int k) {
        int smallest = data.smallestClass();
        int rows = data.classCounts()[smallest];
        if (k > rows) {
            throw new InvalidParametersException(k + " folds are more than the " + rows + " row" + (rows == 1 ? "" : "s")
                    + " of class '" + data.classes().get(smallest) + "', the smallest: use at most " + rows
                    + " folds");
        }
    }
}
