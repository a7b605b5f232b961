package dev.scatter.chaos;

import dev.scatter.localredis.LocalRedisServer;
import java.net.URI;
import java.util.Arrays;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The Redis under test: a real redis-server child process with its append-only file fsynced before every
 * acknowledgement ({@code appendfsync always}), so that a SIGKILL loses nothing Redis acknowledged. It can be
 * killed and started again on the same port, filled to its {@code maxmemory} with a ballast key and freed, and
 * may listen on a second address (the host side of a virtual link).
 */
public final class ChaosRedis implements AutoCloseable {

    private static final String BALLAST = "chaos:ballast";

    private final LocalRedisServer server;
    private final String extraAddress;

    private ChaosRedis(LocalRedisServer server, String extraAddress) {
        this.server = server;
        this.extraAddress = extraAddress;
    }

    /** A server with the append-only file on and fsynced at every write. */
    public static ChaosRedis launch() {
        return launch(0, null);
    }

    /**
     * @param maxMemoryBytes a {@code maxmemory} with the {@code noeviction} policy, or 0 for none
     * @param extraAddress   a second address to listen on, or null
     */
    public static ChaosRedis launch(long maxMemoryBytes, String extraAddress) {
        LocalRedisServer.Builder builder = LocalRedisServer.builder().appendOnly(true).appendFsync("always");
        if (maxMemoryBytes > 0) {
            builder.arg("--maxmemory", Long.toString(maxMemoryBytes), "--maxmemory-policy", "noeviction");
        }
        if (extraAddress != null) {
            // Clients come from another network namespace, not the loopback: protected mode would refuse them.
            builder.alsoBind(extraAddress).arg("--protected-mode", "no");
        }
        return new ChaosRedis(builder.build().start(), extraAddress);
    }

    public String uri() {
        return server.uri();
    }

    /** The URI through the second address. */
    public String extraUri() {
        if (extraAddress == null) {
            throw new IllegalStateException("this server listens on 127.0.0.1 only");
        }
        return "redis://" + extraAddress + ":" + server.port();
    }

    public int port() {
        return server.port();
    }

    /** SIGKILL, as when the host or container dies. */
    public void kill() {
        server.kill();
    }

    /** Starts it again on the same port; it reloads its append-only file before answering. */
    public void start() {
        server.start();
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    /**
     * Fills memory up to {@code maxmemory} with a ballast key, 256 KiB at a time, until Redis refuses writes
     * (OOM). Returns the ballast's size in bytes.
     */
    public long fillToMaxMemory() {
        byte[] chunk = new byte[256 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        long size = 0;
        try (RedisClient admin = admin()) {
            while (size < (1L << 32)) {
                try {
                    admin.setrange(BALLAST.getBytes(), size, chunk);
                    size += chunk.length;
                } catch (JedisDataException e) {
                    if (e.getMessage() != null && e.getMessage().startsWith("OOM")) {
                        return size;
                    }
                    throw e;
                }
            }
        }
        throw new IllegalStateException("Redis took 4 GiB of ballast without refusing a write: is maxmemory set?");
    }

    /** Deletes the ballast (deleting is allowed at maxmemory). */
    public void freeMemory() {
        try (RedisClient admin = admin()) {
            admin.del(BALLAST);
        }
    }

    /** Whether Redis refuses a write for lack of memory right now. */
    public boolean refusesWrites() {
        try (RedisClient admin = admin()) {
            admin.set("chaos:probe", "1");
            admin.del("chaos:probe");
            return false;
        } catch (JedisDataException e) {
            return e.getMessage() != null && e.getMessage().startsWith("OOM");
        }
    }

    private RedisClient admin() {
        return RedisClient.create(URI.create(server.uri()));
    }

    @Override
    public void close() {
        server.close();
    }
}
