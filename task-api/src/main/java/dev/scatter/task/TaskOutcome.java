package dev.scatter.task;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one task's partial result says, for a table of a job's tasks ({@code submit tasks}, {@code --out} as .csv or
 * .jsonl): given by the task's kind ({@link TaskKind#taskOutcome}).
 *
 * @param word     what the task did in a word or two, a column of its own (a command: "exited 0", "failed", "timed
 *                 out", "not found"), or null when its kind has none
 * @param exitCode the exit code it reports (a command's), or null
 * @param text     what it says in one short phrase on a line of text (a command: "exit 3" and its metrics; a sweep:
 *                 "score 0.8123"), or null for an excerpt of the result
 * @param numbers  its numbers, a column each in a table (a command's metrics), or null for the result's numeric
 *                 fields
 * @param failed   whether it reports a failure although the task succeeded (a command that did not exit 0):
 *                 {@code submit tasks --failed} lists it with its last lines of stderr, and {@code --reuse} runs it
 *                 again
 */
public record TaskOutcome(String word, JsonNode exitCode, String text, JsonNode numbers, boolean failed) {

    /** A phrase alone: a task that reports no failure, no exit code, and the result's numbers. */
    public static TaskOutcome text(String text) {
        return new TaskOutcome(null, null, text, null, false);
    }
}
