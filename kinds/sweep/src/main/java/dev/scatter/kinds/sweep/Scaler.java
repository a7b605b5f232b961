package dev.scatter.kinds.sweep;

/**
 * Standardization as scikit-learn's StandardScaler does it: each feature less its mean, over its standard deviation
 * (population), both taken on the training rows only; a constant feature is only centred.
 */
final class Scaler {

    private final double[] mean;
    private final double[] scale;

    private Scaler(double[] mean, double[] scale) {
        this.mean = mean;
        this.scale = scale;
    }

    static Scaler fit(double[][] train) {
        int d = train[0].length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (double[] row : train) {
            for (int f = 0; f < d; f++) {
                mean[f] += row[f];
            }
        }
        for (int f = 0; f < d; f++) {
            mean[f] /= train.length;
        }
        for (double[] row : train) {
            for (int f = 0; f < d; f++) {
                scale[f] += (row[f] - mean[f]) * (row[f] - mean[f]);
            }
        }
        for (int f = 0; f < d; f++) {
            double std = Math.sqrt(scale[f] / train.length);
            // scikit-learn's _handle_zeros_in_scale: a (near) constant feature keeps scale 1.
            scale[f] = std < 10 * Math.ulp(1.0) * Math.max(1, Math.abs(mean[f])) ? 1.0 : std;
        }
        return new Scaler(mean, scale);
    }

    double[][] transform(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            double[] row = new double[rows[i].length];
            for (int f = 0; f < row.length; f++) {
                row[f] = (rows[i][f] - mean[f]) / scale[f];
            }
            out[i] = row;
        }
        return out;
    }
}
