package dev.scatter.broker.testing;

/**
 * What a test receives: a real Redis server and a queue name of its own (so tests never need to flush the
 * database, and can share a server).
 */
public record RedisFixture(RedisBackend server, String queue) {

    public String uri() {
        return server.uri();
    }
}
