package dev.scatter.submit;

import dev.scatter.broker.BrokerException;
import dev.scatter.cli.ExitCodes;
import dev.scatter.cli.Secrets;
import dev.scatter.localredis.LocalRedisException;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * Builds the {@code submit} command line with the given output streams and environment, so tests run it in
 * process and read what it prints and its exit code. Every failure becomes one line on stderr and a documented
 * exit code.
 */
public final class SubmitCli {

    private SubmitCli() {
    }

    public static CommandLine create(PrintWriter out, PrintWriter err, Map<String, String> env) {
        CommandLine commandLine = new CommandLine(new SubmitCommand(env));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // picocli would replace an argument "@FILE" by the file's lines: curl -d @data.json in a command sweep
        // would lose its argument, and any file the user can read could be echoed in an error message.
        commandLine.setExpandAtFiles(false);
        // Every --help shows the one exit-code table, kept with the codes (and checked against the README).
        commandLine.getCommandSpec().usageMessage().exitCodeList(ExitCodes.SUBMIT_HELP);
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            sub.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.SUBMIT_HELP);
        }
        commandLine.setParameterExceptionHandler((e, args) -> {
            Secrets secrets = Secrets.of(args, env);
            CommandLine cl = e.getCommandLine();
            cl.getErr().println(qualifiedName(cl) + ": " + oneLine(secrets.scrub(e.getMessage())));
            cl.getErr().println("Try '" + qualifiedName(cl) + " --help' for more information.");
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            Secrets secrets = Secrets.of(parsed.originalArgs().toArray(String[]::new), env);
            cl.getErr().println(qualifiedName(cl) + ": " + oneLine(secrets.scrub(message(e))));
            return exitCode(e);
        });
        return commandLine;
    }

    private static String qualifiedName(CommandLine cl) {
        return cl.getCommandSpec().qualifiedName();
    }

    static int exitCode(Throwable e) {
        if (e instanceof CliException cli) {
            return cli.exitCode();
        }
        if (e instanceof IllegalArgumentException) {
            return ExitCodes.USAGE;
        }
        if (e instanceof LocalRedisException) {
            return ExitCodes.REDIS;
        }
        return ExitCodes.of(e);
    }

    private static String message(Throwable e) {
        if (exitCode(e) == ExitCodes.INTERNAL && !(e instanceof CliException)) {
            String what = e instanceof BrokerException ? e.getMessage() : e.toString();
            return "internal error: " + what + " (a bug, or data in Redis that Scatter did not write: please report"
                    + " this line)";
        }
        return e.getMessage();
    }

    /** A message as one line: what a library put on several is joined, and a runaway one is cut. */
    static String oneLine(String message) {
        String line = message == null ? "" : String.join("; ", message.strip().lines().map(String::strip)
                .filter(l -> !l.isEmpty()).toList());
        return line.length() <= 2_000 ? line : line.substring(0, 2_000) + "... (" + line.length() + " characters)";
    }
}
