package dev.scatter.broker.testing;

/** A real Redis server a test owns: it can be stopped, killed and started again on the same address. */
public interface RedisBackend extends AutoCloseable {

    /** A redis:// URI, stable across restarts. */
    String uri();

    String host();

    int port();

    /** Graceful stop (SIGTERM): an append-only file is flushed. */
    void stop();

    /** Abrupt stop (SIGKILL). */
    void kill();

    /** Starts again on the same port and data; returns once the server answers. */
    void start();

    /** What runs: "process: Redis server v=7.0.15 ..." or "container: redis:7.2.5". */
    String describe();

    @Override
    void close();
}
