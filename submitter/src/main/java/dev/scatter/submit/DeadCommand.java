package dev.scatter.submit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.scatter.broker.Broker;
import dev.scatter.broker.DeadTask;
import dev.scatter.broker.JobId;
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

    @ParentCommand
    private SubmitCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "JOB", arity = "0..1", description = "The job id; without it, the whole queue.")
    private String job;

    @Option(names = "--queue", paramLabel = "NAME", defaultValue = JobId.DEFAULT_QUEUE,
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
            print(dead, malformed, spec.commandLine().getOut());
            return ExitCodes.OK;
        }
    }

    private void print(List<DeadTask> dead, List<QuarantinedEntry> malformed, PrintWriter out) {
        if (root.json) {
            ArrayNode array = JobJson.MAPPER.createArrayNode();
            dead.forEach(d -> array.add(JobJson.dead(d)));
            malformed.forEach(m -> array.addObject().put("entry", m.entry()).put("reason", m.reason())
                    .put("at", m.at().toString()));
            out.println(JobJson.write(array));
            return;
        }
        if (dead.isEmpty() && malformed.isEmpty()) {
            out.println("no dead tasks");
            return;
        }
        for (DeadTask d : dead) {
            out.printf("%s#%s  %s after %d attempt%s: %s%n", d.job(), d.index() < 0 ? "reduce" : d.index(), d.reason(),
                    d.attempts(), d.attempts() == 1 ? "" : "s", d.error());
        }
        for (QuarantinedEntry m : malformed) {
            out.printf("malformed entry '%s': %s%n", m.entry(), m.reason());
        }
    }
}
