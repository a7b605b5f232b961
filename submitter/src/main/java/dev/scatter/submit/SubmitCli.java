package dev.scatter.submit;

import dev.scatter.broker.BrokerAuthException;
import dev.scatter.broker.BrokerException;
import dev.scatter.broker.BrokerUnavailableException;
import dev.scatter.broker.InvalidJobException;
import dev.scatter.broker.InvalidRedisUriException;
import dev.scatter.cli.ExitCodes;
import dev.scatter.localredis.LocalRedisException;
import dev.scatter.task.InvalidParametersException;
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
        // Every subcommand's --help shows the one exit-code table, declared once on the root command.
        var exitCodes = commandLine.getCommandSpec().usageMessage().exitCodeList();
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            sub.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodes);
        }
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine cl = e.getCommandLine();
            cl.getErr().println(qualifiedName(cl) + ": " + e.getMessage());
            cl.getErr().println("Try '" + qualifiedName(cl) + " --help' for more information.");
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            cl.getErr().println(qualifiedName(cl) + ": " + message(e));
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
        if (e instanceof InvalidRedisUriException || e instanceof InvalidJobException
                || e instanceof InvalidParametersException || e instanceof IllegalArgumentException) {
            return ExitCodes.USAGE;
        }
        if (e instanceof BrokerUnavailableException || e instanceof BrokerAuthException) {
            return ExitCodes.REDIS;
        }
        if (e instanceof BrokerException || e instanceof LocalRedisException) {
            return ExitCodes.REDIS;
        }
        return ExitCodes.INTERNAL;
    }

    private static String message(Throwable e) {
        if (exitCode(e) == ExitCodes.INTERNAL) {
            return "internal error: " + e + " (a bug: please report this line)";
        }
        return e.getMessage();
    }
}
