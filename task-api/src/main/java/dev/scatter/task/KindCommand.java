package dev.scatter.task;

/**
 * A kind's {@code submit} subcommand ({@code submit pi}, {@code submit collatz}): an object whose class carries
 * picocli {@code @Command} and {@code @Option} annotations for the kind's own options. The submit command adds the
 * options every job shares (--queue, --no-wait, --local, --timeout, ...), and, when the subcommand is run, asks it
 * for the job, then submits it, waits for it and prints its result as for any job.
 */
public interface KindCommand {

    /**
     * The job these options describe, checked as far as this machine can check it.
     *
     * @throws InvalidParametersException (or IllegalArgumentException) with a one-line message for the user when
     *                                    the options cannot make a job: submit exits 2 and nothing is submitted
     */
    JobRequest request(SubmitContext context);
}
