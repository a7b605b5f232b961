package dev.scatter.kinds.cmd;

import dev.scatter.task.StopSignal;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * Runs one external command to its end, a timeout, or a stop request (job cancelled, lease lost, runner past
 * its drain deadline), and keeps the tail of what it printed. On timeout or stop the whole process tree is
 * terminated, then killed if it does not go.
 */
final class CommandRun {

    /** What a command did. {@code exitCode} is null when it was killed on timeout. */
    record Outcome(Integer exitCode, boolean timedOut, double seconds, String stdout, String stderr) {
    }

    static final int KEEP_BYTES = 64 * 1024;

    private CommandRun() {
    }

    static Outcome run(List<String> command, Path workDir, Map<String, String> env, Duration timeout, StopSignal stop)
            throws IOException, InterruptedException {
        if (!ProcessGroup.canStart(command.get(0), workDir, env)) {
            return new Outcome(127, false, 0, "", "cannot start " + command.get(0)
                    + ": not found (no such file, not on PATH, or not executable)");
        }
        ProcessBuilder builder = new ProcessBuilder(ProcessGroup.leading(command)).directory(workDir.toFile());
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            // Not found, not executable: a result like any failing command, with the reason on "stderr".
            return new Outcome(127, false, 0, "", "cannot start " + command.get(0) + ": " + e.getMessage());
        }
        process.getOutputStream().close();
        OutputTail out = new OutputTail(process.getInputStream(), KEEP_BYTES);
        OutputTail err = new OutputTail(process.getErrorStream(), KEEP_BYTES);
        Thread outReader = daemon(out, "cmd-stdout");
        Thread errReader = daemon(err, "cmd-stderr");
        long deadline = start + timeout.toNanos();
        boolean timedOut = false;
        try {
            while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
                if (stop != null && stop.isSet()) {
                    stop(process, stop);
                    throw new CancellationException(stop.reason());
                }
                if (System.nanoTime() - deadline > 0) {
                    timedOut = true;
                    terminate(process);
                    break;
                }
            }
        } catch (InterruptedException interrupted) {
            // The runner interrupts a task it stops: the command must not outlive the wait for it.
            if (stop != null && stop.isSet()) {
                stop(process, stop);
                throw new CancellationException(stop.reason());
            }
            ProcessGroup.kill(process);
            throw interrupted;
        }
        outReader.join(5_000);
        errReader.join(5_000);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Outcome(timedOut ? null : process.exitValue(), timedOut, seconds, out.text(), err.text());
    }

    /** Stops a command as its stop asks: at once when urgent (its next holder may start it), else gently first. */
    private static void stop(Process process, StopSignal stop) throws InterruptedException {
        if (stop.isUrgent()) {
            ProcessGroup.kill(process);
        } else {
            terminate(process);
        }
    }

    private static void terminate(Process process) throws InterruptedException {
        ProcessGroup.terminate(process);
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            ProcessGroup.kill(process);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
