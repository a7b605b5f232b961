package dev.scatter.submit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobStatus;
import dev.scatter.cli.ExitCodes;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code submit logs JOB TASK}: what a command task printed (the last 4,000 characters of each stream). */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Prints the tail of a command task's stdout and stderr (the last 4,000 characters of each).")
final class LogsCommand extends OneJobCommand {

    @Parameters(index = "1", paramLabel = "TASK", description = "The task's index, from 0 (as 'submit tasks' shows).")
    private int task;

    @Override
    int run(Session session, JobId id) {
        JobStatus job = JobCommandSupport.find(session.broker(), id);
        if (task < 0 || task >= job.total()) {
            throw new CliException(ExitCodes.USAGE, "job " + id + " has tasks 0 to " + (job.total() - 1) + ", not " + task);
        }
        TaskRow row = TaskRow.read(session.broker(), job).get(task);
        JsonNode result = row.result();
        if (result == null || !result.has("stdoutTail")) {
            throw new CliException(ExitCodes.NOT_FOUND, "task " + task + " of job " + id + " (" + job.kind() + ", "
                    + row.state() + ") has no output kept: " + ("cmd".equals(job.kind())
                    ? "it has not completed, or its record was too large to keep its output"
                    : "only command tasks keep theirs"));
        }
        if (root.json) {
            out().println(JobJson.write(JobJson.MAPPER.createObjectNode().put("task", task)
                    .put("stdoutTail", result.path("stdoutTail").asText())
                    .put("stderrTail", result.path("stderrTail").asText())));
            return ExitCodes.OK;
        }
        for (String stream : List.of("stdout", "stderr")) {
            String text = result.path(stream + "Tail").asText("");
            out().println("== " + stream + " of task " + task + (text.length() >= 4_000 ? " (its last 4,000 characters)"
                    : "") + " ==");
            out().print(text.isEmpty() || text.endsWith("\n") ? text : text + "\n");
        }
        return ExitCodes.OK;
    }
}
