package dev.scatter.submit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.broker.JobId;
import dev.scatter.cli.Bounds;
import dev.scatter.broker.QueueBacklog;
import dev.scatter.broker.TaskQueue;
import dev.scatter.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code submit backlog}: the figures an autoscaler reads. */
@Command(name = "backlog", mixinStandardHelpOptions = true,
        description = {"Shows each queue's ready, delayed, in-flight and dead task counts.",
            "An autoscaler should scale on 'outstanding' = ready + delayed + in flight: counting tasks in flight"
                + " keeps runners busy with long tasks from being scaled away."})
final class BacklogCommand implements Callable<Integer> {

    @ParentCommand
    private SubmitCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--queue", paramLabel = "NAME", converter = Bounds.Queue.class, split = ",",
            defaultValue = JobId.DEFAULT_QUEUE,
            description = "Queues to show (repeat or separate with commas). Default: ${DEFAULT-VALUE}.")
    private List<String> queues;

    @Override
    public Integer call() {
        try (Session session = Session.connect(root, "backlog")) {
            PrintWriter out = spec.commandLine().getOut();
            ObjectNode json = JobJson.MAPPER.createObjectNode();
            ObjectNode byQueue = json.putObject("queues");
            long outstanding = 0;
            if (!root.json) {
                out.printf("%-20s %10s %10s %10s %10s %12s %10s%n", "QUEUE", "READY", "DELAYED", "IN FLIGHT", "DEAD",
                        "OUTSTANDING", "MALFORMED");
            }
            for (String name : queues) {
                TaskQueue queue = session.broker().queue(name);
                QueueBacklog b = session.broker().backlog(name);
                long dead = session.broker().deadCount(name);
                outstanding += b.outstanding();
                byQueue.putObject(name).put("ready", b.ready()).put("delayed", b.delayed()).put("inFlight", b.inFlight())
                        .put("dead", dead).put("outstanding", b.outstanding()).put("malformed", b.malformed());
                if (!root.json) {
                    out.printf("%-20s %10d %10d %10d %10d %12d %10d%n", name, b.ready(), b.delayed(), b.inFlight(), dead,
                            b.outstanding(), b.malformed());
                }
            }
            if (root.json) {
                json.put("outstanding", outstanding);
                out.println(JobJson.write(json));
            }
            return ExitCodes.OK;
        }
    }
}
