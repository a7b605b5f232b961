package dev.scatter.kinds.sweep;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How a fold's predictions are scored, with scikit-learn's names and definitions. */
public enum Scoring {

    /** The fraction of rows predicted right. */
    ACCURACY("accuracy"),
    /** The mean over classes present in the test rows of each class's recall (sklearn balanced_accuracy_score). */
    BALANCED_ACCURACY("balanced_accuracy"),
    /**
     * The mean over classes present in the test rows or the predictions of each class's F1 = 2tp / (2tp + fp + fn),
     * 0 when the class is neither predicted nor present (sklearn f1_score(average='macro'), zero_division 0).
     */
    F1_MACRO("f1_macro");

    private final String wire;

    Scoring(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<Scoring> of(String name) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Scoring::wire).toList();
    }

    public double score(int[] truth, int[] predicted, int classCount) {
        if (this == ACCURACY) {
            int right = 0;
            for (int i = 0; i < truth.length; i++) {
                if (truth[i] == predicted[i]) {
                    right++;
                }
            }
            return (double) right / truth.length;
        }
        long[] tp = new long[classCount];
        long[] fp = new long[classCount];
        long[] fn = new long[classCount];
        long[] support = new long[classCount];
        boolean[] seen = new boolean[classCount];
        for (int i = 0; i < truth.length; i++) {
            support[truth[i]]++;
            seen[truth[i]] = true;
            seen[predicted[i]] = true;
            if (truth[i] == predicted[i]) {
                tp[truth[i]]++;
            } else {
                fp[predicted[i]]++;
                fn[truth[i]]++;
            }
        }
        double sum = 0;
        int counted = 0;
        for (int c = 0; c < classCount; c++) {
            if (this == BALANCED_ACCURACY && support[c] > 0) {
                sum += (double) tp[c] / support[c];
                counted++;
            } else if (this == F1_MACRO && seen[c]) {
                long denominator = 2 * tp[c] + fp[c] + fn[c];
                sum += denominator == 0 ? 0 : 2.0 * tp[c] / denominator;
                counted++;
            }
        }
        return sum / counted;
    }
}
