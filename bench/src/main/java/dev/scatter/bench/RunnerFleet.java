package dev.scatter.bench;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import dev.scatter.broker.Broker;
import dev.scatter.broker.QueueKeys;
import dev.scatter.broker.RunnerPresence;

/**
 * Real runner processes for a benchmark: separate JVMs started from this very jar ({@code java -cp
 * scatter-bench.jar dev.scatter.runner.RunnerMain --queue Q --threads N --name NAME}), the code bin/runner runs.
 * The Redis URI goes in their environment (REDIS_URL), so a password never shows in the process list. Their
 * output goes to a log file each, shown (its end) when something goes wrong.
 *
 * <p>{@link #stop()} is the clean end: SIGTERM, and each must exit 0 (its two-phase shutdown). {@link #close()}
 * kills whatever is still running, for a benchmark that failed; a shutdown hook does the same if this JVM is
 * stopped meanwhile.
 */
final class RunnerFleet implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    /** A runner using less CPU than this share of a core is idle (it polls Redis once a second or so). */
    private static final double IDLE_CORES = 0.03;

    private final List<Process> processes;
    private final List<String> names;
    private final Path logDir;
    private final PrintStream progress;
    private final Thread killer;
    private boolean stopped;

    private RunnerFleet(List<Process> processes, List<String> names, Path logDir, PrintStream progress) {
        this.processes = processes;
        this.names = names;
        this.logDir = logDir;
        this.progress = progress;
        this.killer = new Thread(this::killAll, "scatter-bench-runner-cleanup");
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /** Starts {@code count} runners serving {@code queue} with {@code threads} threads each. */
    static RunnerFleet start(BenchRedis redis, String queue, int count, int threads, PrintStream progress) {
        Path logDir;
        try {
            logDir = Files.createTempDirectory("scatter-bench-runners-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the runners' logs", e);
        }
        List<Process> processes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        RunnerFleet fleet = new RunnerFleet(processes, names, logDir, progress);
        try {
            for (int i = 1; i <= count; i++) {
                String name = queue + "-runner-" + i;
                List<String> command = new ArrayList<>();
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                // The same JVM options bin/runner would give them (bin/bench gives them to this JVM too).
                String javaOpts = System.getenv("SCATTER_JAVA_OPTS");
                if (javaOpts != null && !javaOpts.isBlank()) {
                    command.addAll(Arrays.asList(javaOpts.trim().split("\\s+")));
                }
                command.addAll(List.of("-cp", classPath(), "dev.scatter.runner.RunnerMain",
                        "--queue", queue, "--threads", Integer.toString(threads), "--name", name));
                File log = logDir.resolve(name + ".log").toFile();
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(log)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                builder.environment().put("REDIS_URL", redis.uriText());
                processes.add(builder.start());
                names.add(name);
            }
        } catch (IOException | RuntimeException e) {
            fleet.close();
            throw new BenchFailure("cannot start a runner process: " + e.getMessage(), e);
        }
        progress.printf("started %d runner processes (%d thread%s each), logs in %s%n", count, threads,
                threads == 1 ? "" : "s", logDir);
        return fleet;
    }

    /** Where this class was loaded from: the shaded bench jar, or the class path when run from an IDE. */
    private static String classPath() {
        try {
            Path location = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) ? location.toString() : System.getProperty("java.class.path");
        } catch (URISyntaxException | SecurityException e) {
            return System.getProperty("java.class.path");
        }
    }

    int size() {
        return processes.size();
    }

    /**
     * Waits until every runner is listed live, subscribed to the queue's wake-ups, and idle (JVM start-up over:
     * its CPU use has dropped to that of a runner polling an empty queue).
     */
    void awaitReady(Broker broker, BenchRedis redis, String queue, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String wakeChannel = new QueueKeys(queue).wakeChannel();
        while (true) {
            checkAlive();
            Set<String> live = new HashSet<>();
            for (RunnerPresence runner : broker.runners().live()) {
                live.add(runner.id());
            }
            if (live.containsAll(names) && redis.subscribers(wakeChannel) >= names.size()) {
                break;
            }
            pastDeadline(deadline, "listed live and subscribed");
            sleep(50);
        }
        long[] before = cpuNanosEach();
        while (true) {
            sleep(250);
            long[] after = cpuNanosEach();
            boolean idle = true;
            for (int i = 0; i < after.length; i++) {
                // A CPU time the OS does not tell (-1) cannot show a busy runner.
                if (before[i] >= 0 && after[i] - before[i] > IDLE_CORES * 250_000_000L) {
                    idle = false;
                }
            }
            if (idle) {
                return;
            }
            before = after;
            checkAlive();
            if (System.nanoTime() - deadline > 0) {
                progress.println("warning: the runners are still busy starting up; measuring anyway");
                return;
            }
        }
    }

    /** CPU time the runner processes have used so far (all their threads), or -1 when the OS does not tell. */
    long cpuNanos() {
        long total = 0;
        for (long n : cpuNanosEach()) {
            if (n < 0) {
                return -1;
            }
            total += n;
        }
        return total;
    }

    private long[] cpuNanosEach() {
        long[] cpu = new long[processes.size()];
        for (int i = 0; i < cpu.length; i++) {
            cpu[i] = processes.get(i).info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
        }
        return cpu;
    }

    /** Throws if a runner has exited: the benchmark would measure fewer runners than it says. */
    void checkAlive() {
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            if (!p.isAlive()) {
                throw new BenchFailure("runner " + names.get(i) + " exited with code " + p.exitValue()
                        + tail(i));
            }
        }
    }

    /** SIGTERM to all at once, then each must exit 0 within a minute. */
    void stop() {
        checkAlive();
        long started = System.nanoTime();
        processes.forEach(Process::destroy);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            try {
                if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    problems.add("runner " + names.get(i) + " did not exit within " + STOP_TIMEOUT.toSeconds()
                            + " s of SIGTERM" + tail(i));
                } else if (p.exitValue() != 0) {
                    problems.add("runner " + names.get(i) + " exited with code " + p.exitValue()
                            + " after SIGTERM (expected 0)" + tail(i));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchFailure("interrupted while stopping the runners", e);
            }
        }
        if (!problems.isEmpty()) {
            throw new BenchFailure(String.join("; ", problems));
        }
        stopped = true;
        progress.printf("stopped the runners (SIGTERM, all exited 0 after %.1f s)%n",
                (System.nanoTime() - started) / 1e9);
        deleteLogs();
    }

    /** Kills what is still running (a failed benchmark); the logs are kept for a look. */
    @Override
    public void close() {
        if (!stopped) {
            boolean any = processes.stream().anyMatch(Process::isAlive);
            killAll();
            if (any) {
                progress.println("killed the runner processes; their logs are in " + logDir);
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway
        }
    }

    private void killAll() {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The end of a runner's log, to show with an error. */
    private String tail(int i) {
        Path log = logDir.resolve(names.get(i) + ".log");
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> last = lines.subList(Math.max(0, lines.size() - 15), lines.size());
            return last.isEmpty() ? " (its log " + log + " is empty)"
                    : "; the end of its log " + log + ":\n    " + String.join("\n    ", last);
        } catch (IOException e) {
            return " (cannot read its log " + log + ": " + e.getMessage() + ")";
        }
    }

    private void deleteLogs() {
        try (Stream<Path> files = Files.walk(logDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; not worth failing a finished benchmark for
        }
    }

    private void pastDeadline(long deadline, String what) {
        if (System.nanoTime() - deadline > 0) {
            throw new BenchFailure("the runners were not " + what + " in time" + tail(0));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted while waiting for the runners", e);
        }
    }
}
