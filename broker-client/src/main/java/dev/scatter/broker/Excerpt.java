package dev.scatter.broker;

/**
 * Text from users or tasks as messages and logs may show it: on one line (control characters as '?', so a value
 * cannot forge a log line) and cut to a bound, so that a 200 KB value makes a short message, not a long one.
 */
public final class Excerpt {

    /** What a message quotes of a value the user gave. */
    public static final int QUOTE_CHARS = 80;

    private Excerpt() {
    }

    /** The value in single quotes, on one line, cut to {@link #QUOTE_CHARS}. */
    public static String quote(String value) {
        return value == null ? "nothing" : "'" + head(value, QUOTE_CHARS) + "'";
    }

    /** The first {@code max} characters on one line, with how many more there were. */
    public static String head(String text, int max) {
        if (text == null) {
            return "";
        }
        String line = oneLine(text);
        if (line.length() <= max) {
            return line;
        }
        int cut = cutPoint(line, max);
        return line.substring(0, cut) + "... (" + line.length() + " characters)";
    }

    /**
     * At most about {@code max} characters, keeping the start and the end (where a stack trace says what and a
     * command's output says why) and saying how much was cut from the middle. Lines are kept.
     */
    public static String middle(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int headEnd = cutPoint(text, max * 3 / 4);
        int tailStart = text.length() - (max - headEnd);
        if (Character.isLowSurrogate(text.charAt(tailStart))) {
            tailStart++;
        }
        return text.substring(0, headEnd) + "\n[... " + (tailStart - headEnd) + " characters cut ...]\n"
                + text.substring(tailStart);
    }

    /**
     * The text whole, with its lines and tabs, but other control characters as '?': a task's error (a command's
     * output, say) may hold terminal escapes that would otherwise act on the terminal that prints it.
     */
    public static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c ->
                b.appendCodePoint(c == '\n' || c == '\t' || !Character.isISOControl(c) ? c : '?'));
        return b.toString();
    }

    private static int cutPoint(String text, int max) {
        return max > 0 && Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    }

    private static String oneLine(String text) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), 4096));
        text.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }
}
