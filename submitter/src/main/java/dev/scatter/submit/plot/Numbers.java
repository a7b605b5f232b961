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

    /**
     * A value with its uncertainty: the uncertainty to two significant digits and the value to the same decimal
     * place, so that no digit is printed that the uncertainty makes meaningless: 3.14094 ± 0.00093, 3.16 ± 0.10.
     */
    static String withUncertainty(double value, double uncertainty) {
        if (!(uncertainty > 0) || !Double.isFinite(uncertainty)) {
            return compact(value);
        }
        int decimals = Math.max(0, 1 - (int) Math.floor(Math.log10(uncertainty)));
        return String.format(Locale.ROOT, "%." + decimals + "f ± %." + decimals + "f", value, uncertainty);
    }

    /** Enough decimals to tell apart values that differ by at least {@code step}: for histogram bins. */
    /**
     * A decimal pattern that gives every tick of an axis spanning {@code span} the same decimals: as many as the
     * finest step the axis may choose (ticks are 1, 2 or 5 times a power of ten, at most about fifteen of them), so
     * that 3.15 and 3.152 never stand on one axis.
     */
    static String decimalPattern(double span) {
        if (!(span > 0) || !Double.isFinite(span)) {
            return "0.####";
        }
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(span / 15) - 1e-9));
        return decimals == 0 ? "0" : "0." + "0".repeat(Math.min(decimals, 12));
    }

    static String toStep(double x, double step) {
        int decimals = step > 0 ? Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9)) : 4;
        return String.format(Locale.ROOT, "%." + Math.min(decimals, 12) + "f", x);
    }
}
