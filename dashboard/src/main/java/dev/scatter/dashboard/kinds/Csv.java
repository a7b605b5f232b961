package dev.scatter.dashboard.kinds;

/** CSV fields as RFC 4180 quotes them, and as a spreadsheet must not run them. */
final class Csv {

    private Csv() {
    }

    static String field(String text) {
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
