package dev.scatter.kinds.sweep;

import dev.scatter.task.InvalidParametersException;

/**
 * One task of a sweep: fits the classifier on the rows outside a fold (standardized first if asked, the scaler
 * fitted on those rows only) and scores its predictions on the fold's rows. A fit cannot be interrupted (LIBSVM
 * has no hook for it): a task told to stop finishes its fit, and its result is then dropped.
 */
final class FoldFit {

    /**
     * @param fitSeconds the time to standardize and fit, as scikit-learn's fit_time counts a pipeline's fit
     */
    record Outcome(double score, double fitSeconds, int trainRows, int testRows) {
    }

    private FoldFit() {
    }

    static Outcome run(Dataset data, int[] folds, int fold, SvcParams params, boolean scale, Scoring scoring) {
        int testRows = 0;
        for (int f : folds) {
            if (f == fold) {
                testRows++;
            }
        }
        int trainRows = folds.length - testRows;
        double[][] train = new double[trainRows][];
        int[] trainY = new int[trainRows];
        double[][] test = new double[testRows][];
        int[] testY = new int[testRows];
        boolean[] trainClasses = new boolean[data.classes().size()];
        int a = 0;
        int b = 0;
        for (int i = 0; i < folds.length; i++) {
            if (folds[i] == fold) {
                test[b] = data.x()[i];
                testY[b++] = data.y()[i];
            } else {
                train[a] = data.x()[i];
                trainY[a++] = data.y()[i];
                trainClasses[data.y()[i]] = true;
            }
        }
        int classes = 0;
        for (boolean present : trainClasses) {
            classes += present ? 1 : 0;
        }
        if (testRows == 0 || classes < 2) {
            throw new InvalidParametersException("fold " + fold + " cannot be evaluated: it has " + testRows
                    + " test rows and its training rows hold " + classes + " class" + (classes == 1 ? "" : "es"));
        }

        long start = System.nanoTime();
        if (scale) {
            Scaler scaler = Scaler.fit(train);
            train = scaler.transform(train);
            test = scaler.transform(test);
        }
        SvcFit model = SvcFit.train(train, trainY, params, params.gammaFor(train));
        double fitSeconds = (System.nanoTime() - start) / 1e9;

        int[] predicted = new int[testRows];
        for (int i = 0; i < testRows; i++) {
            predicted[i] = model.predict(test[i]);
        }
        return new Outcome(scoring.score(testY, predicted, data.classes().size()), fitSeconds, trainRows, testRows);
    }
}
