package dev.scatter.broker;

import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.UnifiedJedis;

/** Opens a pooled client for a {@link RedisUri} and proves it works with a PING before handing it out. */
final class RedisConnector {

    private RedisConnector() {
    }

    static UnifiedJedis open(RedisUri uri, BrokerOptions options, RedisErrors errors) {
        if (uri.tls() && PlainRedisProbe.speaksPlainRedis(uri.host(), uri.port(), options.connectTimeout())) {
            throw errors.plainServerForTls();
        }
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(options.poolSize());
        pool.setMaxIdle(options.poolSize());
        pool.setMinIdle(0);
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(options.socketTimeout());
        // A connection broken by a Redis restart is found and replaced when borrowed, not used and failed.
        pool.setTestOnBorrow(false);
        pool.setTestWhileIdle(true);
        UnifiedJedis client;
        try {
            client = RedisClient.builder()
                    .hostAndPort(uri.host(), uri.port())
                    .clientConfig(config(uri, options, "scatter", options.socketTimeout().toMillis()))
                    .poolConfig(pool)
                    .build();
        } catch (RuntimeException e) {
            throw errors.translate(e, "connecting");
        }
        try {
            client.ping();
            return client;
        } catch (RuntimeException e) {
            client.close();
            throw errors.translate(e, "connecting");
        }
    }

    /**
     * A connection of its own, outside the pool, for a pub/sub subscription: a subscribed connection answers
     * nothing but messages, and one handed back to a pool mid-(un)subscribe would feed those replies to the
     * next command that borrows it. It has no read timeout: a subscriber waits for as long as nothing happens.
     */
    static Jedis dedicated(RedisUri uri, BrokerOptions options) {
        return new Jedis(uri.host(), uri.port(), config(uri, options, "scatter-subscriber", 0));
    }

    private static DefaultJedisClientConfig config(RedisUri uri, BrokerOptions options, String name, long readTimeoutMillis) {
        return DefaultJedisClientConfig.builder()
                .user(uri.user())
                .password(uri.password())
                .database(uri.database())
                .ssl(uri.tls())
                // RESP2 keeps the shape of script replies (Lua tables become arrays) fixed across Jedis versions.
                .protocol(RedisProtocol.RESP2)
                .clientName(name)
                .connectionTimeoutMillis((int) options.connectTimeout().toMillis())
                .socketTimeoutMillis((int) readTimeoutMillis)
                .build();
    }
}
