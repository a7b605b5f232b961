package dev.scatter.runner;

/** Text from tasks, made fit for a log line: one line, and short, whatever a task threw or printed. */
final class Texts {

    /** Longest text from a task that a log line carries. */
    static final int LOG_LIMIT = 500;

    private Texts() {
    }

    static String clip(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replace('\n', ' ').replace('\r', ' ');
        return line.length() <= LOG_LIMIT ? line : line.substring(0, LOG_LIMIT) + "... (" + line.length() + " chars)";
    }
}
