package dev.scatter.submit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.scatter.broker.RunnerPresence;
import dev.scatter.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code submit runners}. */
@Command(name = "runners", mixinStandardHelpOptions = true,
        description = "Lists the live runners: those whose heartbeats have not stopped.")
final class RunnersCommand implements Callable<Integer> {

    @ParentCommand
    private SubmitCommand root;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        try (Session session = Session.connect(root, "runners")) {
            List<RunnerPresence> runners = session.broker().runners().live();
            PrintWriter out = spec.commandLine().getOut();
            if (root.json) {
                ArrayNode array = JobJson.MAPPER.createArrayNode();
                runners.forEach(r -> array.add(JobJson.runner(r)));
                out.println(JobJson.write(array));
            } else if (runners.isEmpty()) {
                out.println("no live runners");
            } else {
                out.printf("%-30s %-20s %8s %8s %9s  %-16s %s%n", "RUNNER", "HOST", "PID", "THREADS", "IN FLIGHT",
                        "QUEUES", "KINDS");
                for (RunnerPresence r : runners) {
                    out.printf("%-30s %-20s %8d %8d %9d  %-16s %s%n", r.id(), r.host(), r.pid(), r.threads(),
                            r.inFlight(), String.join(",", r.queues()), String.join(",", r.kinds()));
                }
            }
            return ExitCodes.OK;
        }
    }
}
