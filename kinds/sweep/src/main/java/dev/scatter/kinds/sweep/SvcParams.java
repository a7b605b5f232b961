package dev.scatter.kinds.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scatter.task.InvalidParametersException;
import java.util.List;
import java.util.Map;

/**
 * The hyperparameters of the support-vector classifier, with scikit-learn's SVC names, defaults and meanings:
 * {@code C} (1.0), {@code kernel} (rbf; also linear, poly, sigmoid), {@code gamma} ('scale' = 1 / (features ·
 * variance of the training rows), 'auto' = 1 / features, or a number ≥ 0), {@code degree} (3, poly only) and
 * {@code coef0} (0.0, poly and sigmoid).
 *
 * @param gamma the number, or NaN for 'scale' and -1 for 'auto' (resolved on each training fold)
 */
public record SvcParams(double c, String kernel, double gamma, int degree, double coef0) {

    public static final String MODEL = "svc";
    public static final List<String> NAMES = List.of("C", "kernel", "gamma", "degree", "coef0");
    public static final List<String> KERNELS = List.of("linear", "poly", "rbf", "sigmoid");
    static final double GAMMA_SCALE = Double.NaN;
    static final double GAMMA_AUTO = -1;

    public static final SvcParams DEFAULTS = new SvcParams(1.0, "rbf", GAMMA_SCALE, 3, 0.0);

    /** A grid cell's parameters over the defaults; throws naming the first bad one. */
    public static SvcParams of(JsonNode cell) {
        if (cell == null || !cell.isObject()) {
            throw new InvalidParametersException("a grid cell must be an object of parameter name to value, not " + cell);
        }
        SvcParams p = DEFAULTS;
        for (Map.Entry<String, JsonNode> e : cell.properties()) {
            p = p.with(e.getKey(), e.getValue());
        }
        return p;
    }

    /** Checks one parameter's value; throws naming the parameter and what it accepts. */
    public static void check(String name, JsonNode value) {
        DEFAULTS.with(name, value);
    }

    private SvcParams with(String name, JsonNode v) {
        switch (name) {
            case "C" -> {
                if (!v.isNumber() || !(v.asDouble() > 0) || !Double.isFinite(v.asDouble())) {
                    throw bad(name, v, "a number > 0");
                }
                return new SvcParams(v.asDouble(), kernel, gamma, degree, coef0);
            }
            case "kernel" -> {
                if (!v.isTextual() || !KERNELS.contains(v.asText())) {
                    throw bad(name, v, "one of " + String.join(", ", KERNELS));
                }
                return new SvcParams(c, v.asText(), gamma, degree, coef0);
            }
            case "gamma" -> {
                if (v.isTextual() && v.asText().equals("scale")) {
                    return new SvcParams(c, kernel, GAMMA_SCALE, degree, coef0);
                }
                if (v.isTextual() && v.asText().equals("auto")) {
                    return new SvcParams(c, kernel, GAMMA_AUTO, degree, coef0);
                }
                if (!v.isNumber() || !(v.asDouble() >= 0) || !Double.isFinite(v.asDouble())) {
                    throw bad(name, v, "'scale', 'auto' or a number >= 0");
                }
                return new SvcParams(c, kernel, v.asDouble(), degree, coef0);
            }
            case "degree" -> {
                double d = v.asDouble();
                if (!v.isNumber() || d < 0 || d != Math.rint(d) || d > 1000) {
                    throw bad(name, v, "a whole number from 0 to 1000");
                }
                return new SvcParams(c, kernel, gamma, (int) d, coef0);
            }
            case "coef0" -> {
                if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                    throw bad(name, v, "a number");
                }
                return new SvcParams(c, kernel, gamma, degree, v.asDouble());
            }
            default -> throw new InvalidParametersException("the " + MODEL + " model has no parameter '" + name
                    + "': its parameters are " + String.join(", ", NAMES));
        }
    }

    private static InvalidParametersException bad(String name, JsonNode value, String expected) {
        return new InvalidParametersException(name + " must be " + expected + ", not " + value);
    }

    /** The gamma LIBSVM uses on a training fold (scikit-learn's rule for 'scale' and 'auto'). */
    double gammaFor(double[][] train) {
        int features = train[0].length;
        if (gamma == GAMMA_AUTO) {
            return 1.0 / features;
        }
        if (!Double.isNaN(gamma)) {
            return gamma;
        }
        // X.var() over every element of the training rows, as numpy computes it: mean first, then mean square.
        double sum = 0;
        long n = (long) train.length * features;
        for (double[] row : train) {
            for (double v : row) {
                sum += v;
            }
        }
        double mean = sum / n;
        double squares = 0;
        for (double[] row : train) {
            for (double v : row) {
                squares += (v - mean) * (v - mean);
            }
        }
        double variance = squares / n;
        return variance == 0 ? 1.0 : 1.0 / (features * variance);
    }
}
