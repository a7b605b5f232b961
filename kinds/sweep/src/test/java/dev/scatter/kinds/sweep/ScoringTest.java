package dev.scatter.kinds.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Expected values from scikit-learn 1.2 (accuracy_score, balanced_accuracy_score, f1_score average='macro'). */
class ScoringTest {

    @Test
    void threeClasses() {
        int[] truth = {0, 0, 0, 1, 1, 2, 2, 2, 2, 0};
        int[] predicted = {0, 1, 0, 1, 2, 2, 2, 0, 2, 0};
        assertThat(Scoring.ACCURACY.score(truth, predicted, 3)).isEqualTo(0.7);
        assertThat(Scoring.BALANCED_ACCURACY.score(truth, predicted, 3)).isCloseTo(0.6666666666666666, within(1e-15));
        assertThat(Scoring.F1_MACRO.score(truth, predicted, 3)).isCloseTo(0.6666666666666666, within(1e-15));
    }

    @Test
    void aClassOnlyPredictedCountsForF1ButNotForBalancedAccuracy() {
        int[] truth = {0, 0, 1, 1};
        int[] predicted = {0, 0, 0, 2};
        assertThat(Scoring.ACCURACY.score(truth, predicted, 3)).isEqualTo(0.5);
        assertThat(Scoring.BALANCED_ACCURACY.score(truth, predicted, 3)).isEqualTo(0.5);
        assertThat(Scoring.F1_MACRO.score(truth, predicted, 3)).isCloseTo(0.26666666666666666, within(1e-15));
    }

    @Test
    void namesAreScikitLearns() {
        assertThat(Scoring.names()).containsExactly("accuracy", "balanced_accuracy", "f1_macro");
        assertThat(Scoring.of("f1_macro")).contains(Scoring.F1_MACRO);
        assertThat(Scoring.of("f1")).isEmpty();
    }
}
