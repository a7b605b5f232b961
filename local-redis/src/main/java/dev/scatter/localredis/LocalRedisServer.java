package dev.scatter.localredis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real redis-server child process on 127.0.0.1, owned by this JVM.
 *
 * <p>The server keeps its port and data directory across {@link #stop()}/{@link #kill()} and {@link #start()},
 * so clients reconnect to the same address and, with append-only persistence on, find their data again. That is
 * what the fault tests need, and what the local mode uses to run a whole pipeline with nothing installed.
 */
public final class LocalRedisServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final Path binary;
    private final boolean appendOnly;
    private final String appendFsync;
    private final List<String> bindAddresses;
    private final String password;
    private final List<String> extraArgs;
    private final Path dataDir;
    private final boolean keepData;
    private final boolean fixedPort;
    private int port;
    private Process process;
    private final Thread shutdownHook;

    private LocalRedisServer(Builder builder) {
        this.binary = builder.binary != null ? builder.binary : RedisServerBinary.locate();
        this.appendOnly = builder.appendOnly;
        this.appendFsync = builder.appendFsync;
        this.bindAddresses = List.copyOf(builder.bindAddresses);
        this.password = builder.password;
        this.extraArgs = List.copyOf(builder.extraArgs);
        this.fixedPort = builder.port > 0;
        this.port = fixedPort ? builder.port : FreePort.pick();
        this.keepData = builder.dataDir != null;
        try {
            this.dataDir = keepData ? Files.createDirectories(builder.dataDir) : Files.createTempDirectory("scatter-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory for redis-server", e);
        }
        // A redis-server outliving its JVM would hold the port and memory; stop it when the JVM exits (gracefully
        // when its data is kept, so that the append-only file holds every write).
        this.shutdownHook = new Thread(() -> {
            if (keepData) {
                stopQuietly();
            } else {
                killQuietly();
                deleteRecursively(dataDir);
            }
        }, "scatter-local-redis-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the server and waits until it answers; retries on another port if the chosen one was taken. */
    public synchronized LocalRedisServer start() {
        if (isRunning()) {
            return this;
        }
        int attempts = fixedPort ? 1 : 5;
        LocalRedisException last = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            try {
                launch();
                return this;
            } catch (LocalRedisException e) {
                last = e;
                if (process == null || !fixedPort) {
                    port = FreePort.pick();
                }
            }
        }
        throw last;
    }

    private void launch() {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of("--port", Integer.toString(port), "--bind"));
        command.addAll(bindAddresses);
        command.addAll(List.of(
                "--dir", dataDir.toString(),
                "--daemonize", "no",
                "--save", "",
                "--appendonly", appendOnly ? "yes" : "no",
                "--appendfsync", appendFsync,
                // An ended job's million-field hash is freed in a background thread, not by the event loop.
                "--lazyfree-lazy-expire", "yes",
                "--lazyfree-lazy-server-del", "yes",
                "--lazyfree-lazy-user-del", "yes",
                "--logfile", ""));
        if (password != null) {
            command.addAll(List.of("--requirepass", password));
        }
        command.addAll(extraArgs);
        Path log = dataDir.resolve("redis.log");
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new LocalRedisException("cannot start " + binary + ": " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                Process dead = process;
                process = null;
                throw new LocalRedisException("redis-server on port " + port + " exited with code "
                        + dead.exitValue() + ": " + tail(log));
            }
            // The log, not a PING, says it is ours that answers: another server may hold the port.
            if (logSaysReady(log) && answersPing()) {
                return;
            }
            pause(10);
        }
        killQuietly();
        throw new LocalRedisException("redis-server on port " + port + " did not answer within "
                + START_TIMEOUT.toSeconds() + " s: " + tail(log));
    }

    /** Graceful stop (SIGTERM): Redis flushes its append-only file and exits. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        awaitExit();
    }

    /** Abrupt stop (SIGKILL), as when a host or container dies. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit();
    }

    /** Stops gracefully and starts again on the same port with the same data directory. */
    public synchronized void restart() {
        stop();
        start();
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process = null;
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** A {@code redis://} URI for this server, with the password (percent-encoded) when one is set. */
    public String uri() {
        return password == null
                ? "redis://127.0.0.1:" + port
                : "redis://:" + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20")
                        + "@127.0.0.1:" + port;
    }

    public Path binary() {
        return binary;
    }

    /** The first line of {@code redis-server --version}, e.g. "Redis server v=7.0.15 ...". */
    public String version() {
        try {
            Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(5, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** The directory redis-server keeps its files in. */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * Stops the server and lets go of its files: a kept data directory ({@link Builder#dataDir}) is stopped
     * gracefully and stays; a temporary one is killed and deleted.
     */
    @Override
    public synchronized void close() {
        if (keepData) {
            stop();
        } else {
            kill();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook itself is running or about to: nothing to remove
        }
        if (!keepData) {
            deleteRecursively(dataDir);
        }
    }

    private void stopQuietly() {
        Process p = process;
        if (p != null) {
            p.destroy();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void killQuietly() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
            try {
                // The data directory can only go once the server has let go of its files.
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host(), port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64];
            int n = in.read(buffer);
            if (n <= 0) {
                return false;
            }
            String reply = new String(buffer, 0, n, StandardCharsets.US_ASCII);
            // While loading the append-only file Redis answers -LOADING; it is not ready yet.
            return reply.startsWith("+PONG") || reply.startsWith("-NOAUTH");
        } catch (IOException notYet) {
            return false;
        }
    }

    private static boolean logSaysReady(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8).contains("Ready to accept connections");
        } catch (IOException notYet) {
            return false;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalRedisException("interrupted while waiting for redis-server");
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    /** Options for a {@link LocalRedisServer}. */
    public static final class Builder {
        private Path binary;
        private int port;
        private boolean appendOnly;
        private String appendFsync = "everysec";
        private final List<String> bindAddresses = new ArrayList<>(List.of("127.0.0.1"));
        private String password;
        private final List<String> extraArgs = new ArrayList<>();
        private Path dataDir;

        private Builder() {
        }

        /** A specific redis-server executable instead of the one {@link RedisServerBinary#locate()} finds. */
        public Builder binary(Path binary) {
            this.binary = binary;
            return this;
        }

        /** A fixed port; by default a free one is picked. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Turns on the append-only file, so a restart keeps every acknowledged write. */
        public Builder appendOnly(boolean appendOnly) {
            this.appendOnly = appendOnly;
            return this;
        }

        /**
         * When the append-only file is flushed to disk: {@code everysec} (the default, as Redis's own),
         * {@code always} (before each write is acknowledged, so even a SIGKILL loses nothing acknowledged) or
         * {@code no}.
         */
        public Builder appendFsync(String policy) {
            if (!List.of("always", "everysec", "no").contains(policy)) {
                throw new IllegalArgumentException("appendfsync is always, everysec or no, not " + policy);
            }
            this.appendFsync = policy;
            return this;
        }

        /**
         * Listens on this address too, besides 127.0.0.1 (the host side of a virtual link to a network
         * namespace, say). Clients still get the 127.0.0.1 URI from {@link #uri()}. The address must exist
         * whenever the server starts.
         */
        public Builder alsoBind(String address) {
            bindAddresses.add(address);
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** Further redis-server arguments, e.g. {@code --user alice on >secret ~* &* +@all}. */
        public Builder arg(String... args) {
            extraArgs.addAll(List.of(args));
            return this;
        }

        /**
         * Keeps the server's files in {@code dir} (created if missing), which outlives the server: a server
         * started again on it finds its data (with {@link #appendOnly} on). By default a temporary directory,
         * deleted on {@link #close()}.
         */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        public LocalRedisServer build() {
            return new LocalRedisServer(this);
        }
    }
}
