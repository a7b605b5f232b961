package dev.scatter.kinds.sweep;

/** Sweep results as this kind reduces them, for tests here and for the dashboard's, which draw them. */
public final class SweepResults {

    /**
     * Four cells over C (numeric, given out of order) and kernel, one of whose values a spreadsheet would take for a
     * formula; folds of 2. The best cell, C=10 and kernel "=cmd|calc", scores 0.9.
     */
    public static final String FOUR_CELLS = "{\"scoring\":\"accuracy\",\"folds\":2,\"cells\":["
            + "{\"index\":0,\"params\":{\"C\":10,\"kernel\":\"rbf\"},\"rank\":2,\"meanScore\":0.8,\"stdScore\":0.01,"
            + "\"scores\":[0.79,0.81],\"meanFitSeconds\":0.1,\"stdFitSeconds\":0.0},"
            + "{\"index\":1,\"params\":{\"C\":0.5,\"kernel\":\"rbf\"},\"rank\":4,\"meanScore\":0.5,\"stdScore\":0.02,"
            + "\"scores\":[0.49,0.51],\"meanFitSeconds\":0.1,\"stdFitSeconds\":0.0},"
            + "{\"index\":2,\"params\":{\"C\":10,\"kernel\":\"=cmd|calc\"},\"rank\":1,\"meanScore\":0.9,\"stdScore\":0.03,"
            + "\"scores\":[0.88,0.92],\"meanFitSeconds\":0.2,\"stdFitSeconds\":0.0},"
            + "{\"index\":3,\"params\":{\"C\":0.5,\"kernel\":\"=cmd|calc\"},\"rank\":3,\"meanScore\":0.6,\"stdScore\":0.04,"
            + "\"scores\":[0.58,0.62],\"meanFitSeconds\":0.2,\"stdFitSeconds\":0.0}]}";

    private SweepResults() {
    }
}
