package dev.scatter.submit;

import dev.scatter.cli.ExitCodes;
import dev.scatter.localredis.LocalRedisServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;

/**
 * The local mode's Redis, and where it keeps what local jobs computed: a project-local store, {@code .scatter/}
 * under the working directory ({@value #ENV} names another, {@code none} keeps nothing). The embedded
 * redis-server keeps its append-only file in {@code DIR/redis/}, so a local job's result, status and tasks can be
 * read after submit exits, until the job's TTL expires them, as on any Redis.
 *
 * <p>One process at a time owns the store: it holds an exclusive lock on {@code DIR/lock} while its redis-server
 * runs there (two servers on one append-only file would corrupt it), and writes the server's port and its own pid
 * in {@code DIR/owner}. Another job run in the same directory waits for the lock, saying so; a command that only
 * reads a job reads through the owner's server.
 */
final class LocalStore implements AutoCloseable {

    static final String ENV = "SCATTER_LOCAL_DIR";
    static final String DEFAULT_DIR = ".scatter";
    private static final long LOCK_POLL_MILLIS = 100;
    private static final long OWNER_WAIT_MILLIS = 10_000;

    private final Path dir;
    private final FileChannel lockFile;
    private final FileLock lock;
    private final LocalRedisServer server;
    private final String uri;
    private final int port;

    private LocalStore(Path dir, FileChannel lockFile, FileLock lock, LocalRedisServer server, String uri, int port) {
        this.dir = dir;
        this.lockFile = lockFile;
        this.lock = lock;
        this.server = server;
        this.uri = uri;
        this.port = port;
    }

    /** Where the store is, or nothing when {@value #ENV} is {@code none}. */
    static Optional<Path> location(Map<String, String> env) {
        String value = env.get(ENV);
        if (value == null || value.isBlank()) {
            return Optional.of(Path.of(DEFAULT_DIR).toAbsolutePath());
        }
        return "none".equals(value.strip()) ? Optional.empty() : Optional.of(Path.of(value.strip()).toAbsolutePath());
    }

    /** An embedded Redis that keeps nothing (a temporary data directory, deleted on close). */
    static LocalStore temporary() {
        LocalRedisServer server = LocalRedisServer.builder().build().start();
        return new LocalStore(null, null, null, server, server.uri(), server.port());
    }

    /**
     * Owns the store in {@code dir} (created if missing) for a job run: waits while another process owns it, then
     * starts the embedded Redis on it.
     */
    static LocalStore openForJob(Path dir, PrintWriter err) {
        prepare(dir);
        FileChannel channel = openLockFile(dir);
        FileLock lock = tryLock(channel);
        if (lock == null) {
            err.println("submit: another local run (" + ownerText(dir) + ") is using the store " + dir
                    + "; waiting for it to end (" + ENV + "=DIR for another store)");
            err.flush();
            while (lock == null) {
                pause(LOCK_POLL_MILLIS);
                lock = tryLock(channel);
            }
        }
        return own(dir, channel, lock);
    }

    /**
     * The store in {@code dir} for reading, or nothing when there is none. When another process owns it (a local
     * job is running), reads go through that process's Redis.
     */
    static Optional<LocalStore> openForReading(Path dir) {
        if (!Files.isDirectory(dir.resolve("redis"))) {
            return Optional.empty();
        }
        FileChannel channel = openLockFile(dir);
        FileLock lock = tryLock(channel);
        if (lock != null) {
            return Optional.of(own(dir, channel, lock));
        }
        closeQuietly(channel);
        long deadline = System.nanoTime() + OWNER_WAIT_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            Optional<Integer> ownerPort = readOwner(dir).map(o -> o[0]);
            if (ownerPort.isPresent() && answers(ownerPort.get())) {
                return Optional.of(new LocalStore(dir, null, null, null, "redis://127.0.0.1:" + ownerPort.get(),
                        ownerPort.get()));
            }
            pause(LOCK_POLL_MILLIS);
        }
        throw new CliException(ExitCodes.REDIS, "the local store " + dir + " is held by another process ("
                + ownerText(dir) + ") whose Redis does not answer");
    }

    private static LocalStore own(Path dir, FileChannel channel, FileLock lock) {
        try {
            LocalRedisServer server = LocalRedisServer.builder().dataDir(dir.resolve("redis")).appendOnly(true).build()
                    .start();
            try {
                Files.writeString(dir.resolve("owner"), server.port() + " " + ProcessHandle.current().pid() + "\n",
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                server.close();
                throw new UncheckedIOException(e);
            }
            return new LocalStore(dir, channel, lock, server, server.uri(), server.port());
        } catch (RuntimeException e) {
            release(lock, channel);
            throw e;
        }
    }

    /** The store's directory, or null for a temporary Redis. */
    Path dir() {
        return dir;
    }

    String uri() {
        return uri;
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        if (server != null) {
            if (dir != null) {
                try {
                    Files.deleteIfExists(dir.resolve("owner"));
                } catch (IOException ignored) {
                    // a stale owner file names a port nobody answers on; readers check before trusting it
                }
            }
            server.close();
        }
        release(lock, lockFile);
    }

    private static void prepare(Path dir) {
        try {
            Files.createDirectories(dir);
            Path ignore = dir.resolve(".gitignore");
            if (!Files.exists(ignore)) {
                // What a local job computed is not source: keep it out of the project's version control.
                Files.writeString(ignore, "# Scatter's local store (submit without a Redis); delete it to forget"
                        + " local jobs\n*\n", StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot create the local store " + dir + ": " + e.getMessage()
                    + " (" + ENV + "=DIR for another place, " + ENV + "=none to keep nothing)");
        }
    }

    private static FileChannel openLockFile(Path dir) {
        try {
            return FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot open the local store " + dir + ": " + e.getMessage());
        }
    }

    /** The lock, or null while another process (or another command in this one) holds it. */
    private static FileLock tryLock(FileChannel channel) {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The owner's port and pid, as it wrote them. */
    private static Optional<int[]> readOwner(Path dir) {
        try {
            String[] parts = Files.readString(dir.resolve("owner"), StandardCharsets.UTF_8).strip().split(" ");
            return Optional.of(new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])});
        } catch (IOException | RuntimeException notWrittenYet) {
            return Optional.empty();
        }
    }

    private static String ownerText(Path dir) {
        return readOwner(dir).map(o -> "pid " + o[1]).orElse("a process starting");
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void release(FileLock lock, FileChannel channel) {
        try {
            if (lock != null) {
                lock.release();
            }
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to do: the process is letting go of the file
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.TIMEOUT, "interrupted while waiting for the local store");
        }
    }
}
