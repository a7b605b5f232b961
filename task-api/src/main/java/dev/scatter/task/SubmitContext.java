package dev.scatter.task;

/** What a kind's submit subcommand may know of the command it runs in. */
public interface SubmitContext {

    /** Whether output is one JSON object: then the command says nothing on stderr. */
    boolean json();

    /** Whether the command waits for the job's end (no --no-wait): what needs the result needs it. */
    boolean waits();

    /** Whether the tasks run in this process (the local mode, or --local): what only here can be checked. */
    boolean runsHere();

    /** The most tasks a job may have. */
    int maxTasks();

    /** The largest blob (see {@link JobRequest#withBlob}) Redis may hold. */
    long maxBlobBytes();

    /** Says one line on stderr, prefixed with the command's name, unless the output is JSON. */
    void say(String line);
}
