package dev.scatter.submit.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Short, readable numbers for titles and tick labels. */
final class Numbers {

    private static final String[] SUFFIXES = {"", "k", "M", "G", "T", "P"};

    private Numbers() {
    }

    /** At most four significant digits, no exponent for everyday magnitudes, no trailing zeros: 0.001, 2.5, 1234. */
    static String compact(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.toString(x);
        }
        if (x == 0) {
            return "0";
        }
        double magnitude = Math.abs(x);
        if (magnitude >= 1e-4 && magnitude < 1e7) {
            return new BigDecimal(x).round(new MathContext(4)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.3g", x).replaceFirst("\\.?0+e", "e");
    }

    /** A count with an SI suffix, for axes that span decades of samples: 500, 20k, 1.5M, 2G. */
    static String count(double x) {
        double value = x;
        int i = 0;
        while (Math.abs(value) >= 1000 && i < SUFFIXES.length - 1) {
            value /= 1000;
            i++;
        }
        return compact(value) + SUFFIXES[i];
    }

    /** A mean with its spread, each to three significant digits: 0.953 ± 0.0123. */
    static String plusMinus(double mean, double spread) {
        return String.format(Locale.ROOT, "%.3g ± %.3g", mean, spread).replace("e+00", "");
    }
}
