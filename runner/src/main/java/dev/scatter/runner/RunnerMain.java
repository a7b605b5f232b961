package dev.scatter.runner;

import dev.scatter.cli.ExitCodes;
import dev.scatter.cli.Secrets;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import sun.misc.Signal;

/**
 * The runner's entry point. SIGTERM and SIGINT are caught (not left to the JVM, which would exit with 143)
 * so that shutdown runs its two phases and the process exits 0.
 */
public final class RunnerMain {

    private RunnerMain() {
    }

    public static void main(String[] args) {
        NameLookups.followMovingHosts();
        System.setProperty("scatter.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        // Through the log, whose encoder scrubs secrets, rather than straight to stderr as the JVM would.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) ->
                LoggerFactory.getLogger(RunnerMain.class).error("thread {} died", thread.getName(), e));
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = commandLine(System.getenv(), stop, out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * The runner's command line with the given environment, streams and stop signal, so tests run it in process.
     * Every failure is one line on stderr, with any secret of the command line scrubbed, and a documented exit code.
     */
    public static CommandLine commandLine(Map<String, String> env, CountDownLatch stop, PrintWriter out,
                                          PrintWriter err) {
        RunnerCommand command = new RunnerCommand(env, stop);
        CommandLine commandLine = new CommandLine(command);
        for (String kind : command.builtInKinds().names()) {
            Object options = command.builtInKinds().find(kind).orElseThrow().runnerOptions();
            if (options != null) {
                commandLine.addMixin(kind, options);
            }
        }
        commandLine.getCommandSpec().usageMessage().exitCodeList(ExitCodes.RUNNER_HELP);
        commandLine.setOut(out);
        // An argument "@FILE" is an argument, not the file's lines (which an error message would echo).
        commandLine.setExpandAtFiles(false);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((e, args) -> {
            Secrets secrets = Secrets.of(args, env);
            e.getCommandLine().getErr().println("runner: " + secrets.scrub(e.getMessage()).strip().replace('\n', ' '));
            e.getCommandLine().getErr().println("Try 'runner --help' for more information.");
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            Secrets secrets = Secrets.of(parsed.originalArgs().toArray(String[]::new), env);
            int code = ExitCodes.of(e);
            String message = code == ExitCodes.INTERNAL ? "internal error: " + e + " (a bug: please report this line)"
                    : e.getMessage();
            cl.getErr().println("runner: " + secrets.scrub(message).strip().replace('\n', ' '));
            return code;
        });
        return commandLine;
    }
}
