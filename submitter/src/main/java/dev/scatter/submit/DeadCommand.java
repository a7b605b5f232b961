package dev.scatter.submit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.scatter.broker.Broker;
import dev.scatter.broker.DeadTask;
import dev.scatter.broker.Excerpt;
import dev.scatter.broker.JobId;
import dev.scatter.cli.Bounds;
import dev.scatter.broker.JobStatus;
import dev.scatter.broker.QuarantinedEntry;
import dev.scatter.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code submit dead [JOB]}. */
@Command(name = "dead", mixinStandardHelpOptions = true,
        description = {"Lists quarantined tasks with their errors: of one job, or of every recent job of a queue",
            "(with the queue's malformed entries). 'submit retry JOB' gives a job's dead tasks new attempts."})
final class DeadCommand implements Callable<Integer> {

    /** What a queue listing shows of each error. */
    static final int QUEUE_TEXT_CHARS = 200;
    static final int QUEUE_JSON_CHARS = 1_000;

    @ParentCommand
    private SubmitCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "JOB", arity = "0..1", description = "The job id; without it, the whole queue.")
    private String job;

    @Option(names = "--queue", paramLabel = "NAME", converter = Bounds.Queue.class,
            defaultValue = JobId.DEFAULT_QUEUE,
            description = "Queue to list when no job is given. Default: ${DEFAULT-VALUE}.")
    private String queue;

    @Override
    public Integer call() {
        try (Session session = Session.connect(root, "dead")) {
            Broker broker = session.broker();
            List<DeadTask> dead = new ArrayList<>();
            List<QuarantinedEntry> malformed = List.of();
            if (job != null) {
                JobId id = JobCommandSupport.parse(job);
                JobCommandSupport.find(broker, id);
                dead.addAll(broker.deadTasks(id));
            } else {
                for (JobStatus j : broker.queue(queue).jobs(1000)) {
                    if (j.failed() > 0 || j.error() != null) {
                        dead.addAll(broker.deadTasks(j.id()));
                    }
                }
                malformed = broker.queue(queue).malformed(1000);
            }
            print(dead, malformed, job == null, spec.commandLine().getOut());
            return ExitCodes.OK;
        }
    }

    /**
     * Prints the dead tasks and malformed entries. Over a whole queue each error is cut to a line (tasks may
     * fail with errors of kilobytes, in thousands); for one job it is shown in full.
     */
    private void print(List<DeadTask> dead, List<QuarantinedEntry> malformed, boolean wholeQueue, PrintWriter out) {
        if (root.json) {
            ArrayNode array = JobJson.MAPPER.createArrayNode();
            for (DeadTask d : dead) {
                var node = JobJson.dead(d);
                if (wholeQueue) {
                    node.put("error", Excerpt.head(d.error(), QUEUE_JSON_CHARS));
                }
                array.add(node);
            }
            malformed.forEach(m -> array.addObject().put("entry", Excerpt.head(m.entry(), QUEUE_JSON_CHARS))
                    .put("reason", Excerpt.head(m.reason(), QUEUE_JSON_CHARS)).put("at", String.valueOf(m.at())));
            out.println(JobJson.write(array));
            return;
        }
        if (dead.isEmpty() && malformed.isEmpty()) {
            out.println("no dead tasks");
            return;
        }
        for (DeadTask d : dead) {
            out.printf("%s#%s  %s after %d attempt%s: %s%n", d.job(),
                    d.index() == DeadTask.UNREADABLE ? "?" : d.index() < 0 ? "reduce" : d.index(),
                    Excerpt.head(d.reason(), 80), d.attempts(), d.attempts() == 1 ? "" : "s",
                    wholeQueue ? Excerpt.head(d.error(), QUEUE_TEXT_CHARS) : Excerpt.printable(d.error()));
        }
        for (QuarantinedEntry m : malformed) {
            out.printf("malformed entry %s: %s%n", Excerpt.quote(m.entry()),
                    Excerpt.head(m.reason(), QUEUE_TEXT_CHARS));
        }
        if (wholeQueue && !dead.isEmpty()) {
            out.println("(errors cut to a line: 'submit dead JOB' shows a job's in full)");
        }
    }
}
