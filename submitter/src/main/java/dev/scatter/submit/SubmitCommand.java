package dev.scatter.submit;

import dev.scatter.cli.ExitCodes;
import dev.scatter.cli.VersionProvider;
import dev.scatter.task.TaskKinds;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code submit}: the root command; its options apply to every subcommand, before or after its name. */
@Command(name = "submit", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        scope = ScopeType.INHERIT, usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Splits jobs into tasks, pushes them to Redis queues, and follows them to their result.",
            "With no Redis given (no --redis, no REDIS_URL), job commands run locally: an embedded Redis and a local"
                + " runner start, the job runs, the result prints, and everything stops. The embedded Redis keeps"
                + " local jobs in .scatter/ under the working directory (SCATTER_LOCAL_DIR=DIR for another, none for"
                + " nothing), where status, result and jobs read them until their TTL."},
        exitCodeListHeading = "%nExit codes:%n")
public final class SubmitCommand implements Runnable {

    @Option(names = "--redis", paramLabel = "URI", scope = ScopeType.INHERIT,
            description = "Redis to use: redis://[[user]:password@]host[:port][/db], rediss:// for TLS,"
                    + " redis-sentinel://host[:port][,host...]#master, redis-cluster://host[:port][,host...]; a %% in"
                    + " the password is written %%25. Default: the REDIS_URL environment variable (better for a password:"
                    + " ps shows command lines); with neither, job commands run locally.")
    String redis;

    @Option(names = "--min-replicas", paramLabel = "N", scope = ScopeType.INHERIT,
            converter = dev.scatter.cli.Bounds.Replicas.class, defaultValue = "0",
            description = "Count a submit, a cancel and a local runner's results as done only once N replicas have"
                    + " them (Redis WAIT), so a failover cannot lose them; 0 to 16. Default: ${DEFAULT-VALUE}.")
    int minReplicas;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print one JSON object (or array) on stdout instead of text.")
    boolean json;

    final Map<String, String> env;
    /** The kinds this process knows: their subcommands, result texts and plots, and what local runners run. */
    final TaskKinds kinds;

    /** Where --dashboard waits for Enter after the job; tests give their own. */
    java.io.InputStream in = System.in;

    SubmitCommand(Map<String, String> env, TaskKinds kinds) {
        this.env = env;
        this.kinds = kinds;
    }

    @Override
    public void run() {
        throw new CliException(ExitCodes.USAGE, "name a command: " + String.join(", ", kinds.names().stream()
                .filter(k -> kinds.find(k).orElseThrow().submitCommand() != null).toList())
                + ", job, status, wait, result, cancel, jobs, runners, dead, retry (see submit --help)");
    }
}
