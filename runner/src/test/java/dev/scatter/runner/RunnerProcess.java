package dev.scatter.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A runner in a JVM of its own, as on another host: it can be killed (SIGKILL) or terminated (SIGTERM). */
final class RunnerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private RunnerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static RunnerProcess start(String redisUri, String... args) throws IOException {
        return start(List.of(), redisUri, args);
    }

    /** With options for its JVM, given before the main class. */
    static RunnerProcess start(List<String> jvmOptions, String redisUri, String... args) throws IOException {
        Path log = Files.createTempFile("scatter-runner-", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                RunnerMain.class.getName(), "--redis", redisUri));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new RunnerProcess(process, log);
    }

    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Sends SIGTERM and returns the exit code, or -1 if it has not exited within the timeout. */
    int terminate(long timeoutSeconds) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeoutSeconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
