package dev.scatter.task;

/**
 * A CSV field as RFC 4180 quotes it, and as a spreadsheet must not run it: for a kind's result as CSV
 * ({@link DashboardView#csv}, {@code submit sweep --csv}), whose texts come from users and tasks.
 */
public final class CsvField {

    private CsvField() {
    }

    /** {@code text} as one field: quoted when it holds a comma, quote or line break; null as an empty field. */
    public static String of(String text) {
        String t = text == null ? "" : text;
        // A cell that starts with = + - @ is a formula to a spreadsheet: a value from a task must not become one.
        if (!t.isEmpty() && "=+-@\t\r".indexOf(t.charAt(0)) >= 0 && !isNumber(t)) {
            t = "'" + t;
        }
        return t.contains(",") || t.contains("\"") || t.contains("\n") || t.contains("\r")
                ? "\"" + t.replace("\"", "\"\"") + "\"" : t;
    }

    private static boolean isNumber(String t) {
        try {
            Double.parseDouble(t);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
