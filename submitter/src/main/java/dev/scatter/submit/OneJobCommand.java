package dev.scatter.submit;

import dev.scatter.broker.JobId;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the commands about one job share: the JOB argument, the connection to the Redis it was submitted to,
 * and the output streams. A subclass says what to do with the job.
 */
abstract class OneJobCommand implements Callable<Integer> {

    @ParentCommand
    SubmitCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "JOB", description = "The job id (queue/id for another queue than default).")
    String job;

    @Override
    public final Integer call() {
        JobId id = JobCommandSupport.parse(job);
        before(id);
        try (Session session = Session.connect(root, spec.name())) {
            return run(session, id);
        }
    }

    /** Checks what can be checked before connecting; nothing by default. */
    void before(JobId id) {
    }

    abstract int run(Session session, JobId id);

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
