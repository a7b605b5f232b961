package dev.scatter.submit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one command of a command sweep did, read from its task's result: it exited 0, exited non-zero, was killed
 * on timeout, or could not be started (not found: the runner reports exit 127 with "cannot start" on stderr).
 */
enum CommandOutcome {
    EXITED_0("exited 0"), FAILED("failed"), TIMED_OUT("timed out"), NOT_FOUND("not found");

    private final String text;

    CommandOutcome(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    static CommandOutcome of(JsonNode result) {
        if (result.path("timedOut").asBoolean()) {
            return TIMED_OUT;
        }
        JsonNode exit = result.path("exitCode");
        if (exit.isInt() && exit.asInt() == 0) {
            return EXITED_0;
        }
        if (exit.isInt() && exit.asInt() == 127 && result.path("stderrTail").asText("").startsWith("cannot start ")) {
            return NOT_FOUND;
        }
        return exit.isNull() || exit.isMissingNode() ? TIMED_OUT : FAILED;
    }
}
