package dev.scatter.cli;

/** What a JSON or YAML parser's message says of the input, for a one-line error a user can act on. */
public final class ParserMessages {

    private ParserMessages() {
    }

    /**
     * The message without what speaks of the parser rather than the input: "[Source: ...]", character codes, and
     * the names of its settings.
     */
    public static String withoutInternals(String message) {
        return message.replaceAll("\\s*\\(start marker at \\[Source:[^]]*]\\)", "")
                .replaceAll("\\s*\\[Source:[^]]*]", "")
                .replaceAll("\\s*\\(code \\d+[^)]*\\)", "")
                .replaceAll(",\\s*from `[^`]*`", "")
                .replaceAll("\\s*\\(`[A-Za-z]+\\.[A-Z_]+` [a-z]+\\)", "");
    }
}
