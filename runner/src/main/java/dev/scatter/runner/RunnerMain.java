package dev.scatter.runner;

import dev.scatter.cli.ExitCodes;
import java.util.concurrent.CountDownLatch;
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
        CommandLine commandLine = new CommandLine(new RunnerCommand(System.getenv(), stop));
        commandLine.setParameterExceptionHandler((e, args2) -> {
            e.getCommandLine().getErr().println("runner: " + e.getMessage());
            e.getCommandLine().getErr().println("Try 'runner --help' for more information.");
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            cl.getErr().println("runner: internal error: " + e);
            return ExitCodes.INTERNAL;
        });
        System.exit(commandLine.execute(args));
    }
}
