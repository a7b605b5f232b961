package dev.scatter.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A runner in a JVM of its own, as on another host: killed with SIGKILL, terminated with SIGTERM, or left to die. */
public final class RunnerProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final long startedNanos = System.nanoTime();

    private RunnerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    public static RunnerProcess start(RunnerLaunch launch, String name, Path logDir) {
        Path log = logDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(launch.command(Artifacts.runnerJar(), name))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(launch.env());
        try {
            return new RunnerProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start runner " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, then waits for the process to be gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(30);
    }

    /** SIGTERM; returns the exit code, or -1 if it has not exited within the timeout. */
    public int terminate(long timeoutSeconds) {
        process.destroy();
        return awaitExit(timeoutSeconds) ? process.exitValue() : -1;
    }

    /** The exit code, once it has exited. */
    public Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    public double ageSeconds() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /**
     * Whether the runner has started serving its queues (its log says so): a process still starting its JVM holds
     * no lease, so killing it tests nothing.
     */
    public boolean hasStarted() {
        return isAlive() && log().contains(" started: queues ");
    }

    public Path logFile() {
        return log;
    }

    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private boolean awaitExit(long seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
