package dev.scatter.deploy;

import dev.scatter.runner.RunnerCommand;
import dev.scatter.submit.SubmitCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The runner's and submit's own command lines, used to read the arguments the deployment files pass: an option
 * that does not exist, or a value that does not convert, fails here as it would in the container.
 */
final class Clis {

    private Clis() {
    }

    /** The runner's options after parsing {@code args} (the words after "runner"), defaults applied. */
    static CommandSpec runner(List<String> args) {
        CommandLine commandLine = new CommandLine(new RunnerCommand(Map.of(), new CountDownLatch(1)));
        try {
            commandLine.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError("runner " + String.join(" ", args) + ": " + e.getMessage(), e);
        }
        return commandLine.getCommandSpec();
    }

    static Duration drain(CommandSpec runner) {
        return runner.findOption("--drain").getValue();
    }

    static Integer httpPort(CommandSpec runner) {
        return runner.findOption("--http-port").getValue();
    }

    static List<String> queues(CommandSpec runner) {
        return runner.findOption("--queue").getValue();
    }

    /**
     * The options of {@code submit dashboard} after parsing {@code args} (the words after "submit"), defaults
     * applied, and checked as the command checks them before it listens (an address beyond loopback needs
     * --read-only or a token).
     */
    static CommandSpec dashboard(List<String> args, Map<String, String> env) {
        CommandLine commandLine = SubmitCli.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                env);
        CommandLine.ParseResult parsed;
        try {
            parsed = commandLine.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError("submit " + String.join(" ", args) + ": " + e.getMessage(), e);
        }
        if (!parsed.hasSubcommand() || !parsed.subcommand().commandSpec().name().equals("dashboard")) {
            throw new AssertionError("submit " + String.join(" ", args) + " is not the dashboard");
        }
        CommandSpec spec = parsed.subcommand().commandSpec();
        String token = env.get("SCATTER_DASHBOARD_TOKEN");
        new dev.scatter.dashboard.DashboardSettings(spec.findOption("--bind").getValue(), spec.findOption("--port").getValue(),
                spec.findOption("--queue").getValue(), spec.findOption("--read-only").getValue(),
                token == null || token.isEmpty() ? null : token);
        return spec;
    }

    /** Parses {@code args} (the words after "submit") as the submit command does; fails if they do not parse. */
    static void parseSubmit(List<String> args) {
        CommandLine commandLine = SubmitCli.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                Map.of());
        try {
            commandLine.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError("submit " + String.join(" ", args) + ": " + e.getMessage(), e);
        }
    }
}
