package dev.scatter.kinds.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scatter.task.InvalidParametersException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FoldsTest {

    @Test
    void stratifiedFoldsSpreadEveryClassEvenlyAndDependOnlyOnLabelsKAndSeed() {
        int[] classes = new int[103];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = i % 7 == 0 ? 1 : i % 5 == 0 ? 2 : 0;
        }
        int k = 5;
        int[] folds = Folds.stratified(classes, 3, k, 42);
        assertThat(Folds.stratified(classes, 3, k, 42)).isEqualTo(folds);
        assertThat(Folds.stratified(classes, 3, k, 43)).isNotEqualTo(folds);
        int[] sizes = new int[k];
        int[][] perClass = new int[3][k];
        for (int i = 0; i < folds.length; i++) {
            sizes[folds[i]]++;
            perClass[classes[i]][folds[i]]++;
        }
        assertThat(max(sizes) - min(sizes)).isLessThanOrEqualTo(1);
        for (int[] counts : perClass) {
            assertThat(max(counts) - min(counts)).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void aFoldColumnNamesTheFoldsInSortedOrderAndNegativeValuesAreNeverTested() {
        long[] ids = {10, 3, -1, 3, 10, 7};
        assertThat(Folds.distinctFolds(ids)).containsExactly(3, 7, 10);
        assertThat(Folds.fromColumn(ids)).containsExactly(2, 0, Folds.TRAIN_ONLY, 0, 2, 1);
    }

    @Test
    void moreFoldsThanTheSmallestClassHasRowsAreRefused() {
        Dataset data = new Dataset(List.of("x"), new double[][] {{1}, {2}, {3}, {4}, {5}}, new int[] {0, 0, 0, 1, 1},
                List.of("a", "b"), null);
        Folds.checkStratifiable(data, 2);
        assertThatThrownBy(() -> Folds.checkStratifiable(data, 3)).isInstanceOf(InvalidParametersException.class)
                .hasMessage("3 folds are more than the 2 rows of class 'b', the smallest: use at most 2 folds");
    }

    private static int max(int[] values) {
        return java.util.Arrays.stream(values).max().orElseThrow();
    }

    private static int min(int[] values) {
        return java.util.Arrays.stream(values).min().orElseThrow();
    }
}
