package dev.scatter.broker.testing;

import dev.scatter.localredis.LocalRedisServer;

/** A redis-server child process on a free port (from PATH, or the embedded-redis binary). */
final class ProcessBackend implements RedisBackend {

    private final LocalRedisServer server;

    ProcessBackend(boolean appendOnly, String password) {
        // Tests kill this server and check that nothing acknowledged was lost: only "always" promises that.
        this.server = LocalRedisServer.builder().appendOnly(appendOnly).appendFsync("always").password(password)
                .build().start();
    }

    @Override
    public String uri() {
        return server.uri();
    }

    @Override
    public String host() {
        return server.host();
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public void stop() {
        server.stop();
    }

    @Override
    public void kill() {
        server.kill();
    }

    @Override
    public void start() {
        server.start();
    }

    @Override
    public String describe() {
        return "process: " + server.version();
    }

    @Override
    public void close() {
        server.close();
    }
}
