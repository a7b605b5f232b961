package dev.scatter.submit;

import dev.scatter.cli.ExitCodes;
import dev.scatter.runner.VersionProvider;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code submit}: the root command; its options apply to every subcommand, before or after its name. */
@Command(name = "submit", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        scope = ScopeType.INHERIT, usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Splits jobs into tasks, pushes them to Redis queues, and follows them to their result.",
            "With no Redis given (no --redis, no REDIS_URL), job commands run locally: an embedded Redis and local"
                + " runners start, the job runs, the result prints, and everything stops."},
        subcommands = {
            PiCommand.class, SweepCommand.class, CmdCommand.class, JobCommand.class, StatusCommand.class, WaitCommand.class,
            ResultCommand.class, CancelCommand.class, JobsCommand.class, RunnersCommand.class, DeadCommand.class,
            RetryCommand.class, BacklogCommand.class,
            AutoComplete.GenerateCompletion.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (for a job: it succeeded)",
            "1:the job failed or was cancelled (or, for cmd, a command exited non-zero)",
            "2:bad command line or input; nothing was done",
            "3:Redis unreachable, or it refused the connection or the credentials",
            "4:no such job (or it has expired)",
            "5:--timeout passed before the job ended",
            "70:internal error (a bug: please report the message)"})
public final class SubmitCommand implements Runnable {

    @Option(names = "--redis", paramLabel = "URI", scope = ScopeType.INHERIT,
            description = "Redis to use: redis://[[user]:password@]host[:port][/db], rediss:// for TLS."
                    + " Default: the REDIS_URL environment variable; with neither, job commands run locally.")
    String redis;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print one JSON object (or array) on stdout instead of text.")
    boolean json;

    final Map<String, String> env;

    SubmitCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public void run() {
        throw new CliException(ExitCodes.USAGE, "name a command: pi, status, wait, result, cancel, jobs, runners,"
                + " dead, retry (see submit --help)");
    }
}
