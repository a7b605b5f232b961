package dev.scatter.submit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.scatter.broker.Excerpt;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobStatus;
import dev.scatter.cli.Bounds;
import dev.scatter.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code submit jobs}. */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = "Lists a queue's recent jobs, newest first.")
final class JobsCommand implements Callable<Integer> {

    @ParentCommand
    private SubmitCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--queue", paramLabel = "NAME", converter = Bounds.Queue.class,
            defaultValue = JobId.DEFAULT_QUEUE,
            description = "Queue to list. Default: ${DEFAULT-VALUE}.")
    private String queue;

    @Option(names = "--limit", paramLabel = "N", converter = Bounds.Listed.class, defaultValue = "20",
            description = "Jobs to show, 1 to " + Bounds.MAX_LIST + ". Default: ${DEFAULT-VALUE}.")
    private int limit;

    @Override
    public Integer call() {
        try (Session session = Session.connect(root, "jobs")) {
            List<JobStatus> jobs = session.broker().queue(queue).jobs(limit);
            PrintWriter out = spec.commandLine().getOut();
            if (root.json) {
                ArrayNode array = JobJson.MAPPER.createArrayNode();
                jobs.forEach(j -> array.add(JobJson.job(j)));
                out.println(JobJson.write(array));
            } else if (jobs.isEmpty()) {
                out.println("no jobs on queue " + queue);
            } else {
                out.printf("%-22s %-8s %-10s %15s %8s  %s%n", "JOB", "KIND", "STATE", "DONE/TOTAL", "FAILED", "CREATED");
                for (JobStatus j : jobs) {
                    out.printf("%-22s %-8s %-10s %15s %8d  %s%s%n", j.id(), Excerpt.head(j.kind(), 24), j.state().wire(),
                            j.done() + "/" + j.total(), j.failed(), j.createdAt(),
                            j.isBroken() ? "  broken record: " + j.broken() : "");
                }
            }
            return ExitCodes.OK;
        }
    }
}
