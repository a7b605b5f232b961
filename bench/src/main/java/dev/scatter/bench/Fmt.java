package dev.scatter.bench;

import java.util.Locale;

/** Number formats shared by the reports. */
final class Fmt {

    private Fmt() {
    }

    /** A whole number with thousands separators: 1,234,567. */
    static String whole(double value) {
        return String.format(Locale.ROOT, "%,d", Math.round(value));
    }

    /** A number with a fixed count of decimals and thousands separators. */
    static String dec(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    /** For JSON: rounded to a count of decimals. */
    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    static String verdict(boolean met) {
        return met ? "met" : "MISSED";
    }
}
