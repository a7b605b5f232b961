package dev.scatter.broker;

import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.UnifiedJedis;

/** Opens a pooled client for a {@link RedisUri} and proves it works with a PING before handing it out. */
final class RedisConnector {

    private RedisConnector() {
    }

    static UnifiedJedis open(RedisUri uri, BrokerOptions options, RedisErrors errors) {
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder()
                .user(uri.user())
                .password(uri.password())
                .database(uri.database())
                .ssl(uri.tls())
                // RESP2 keeps the shape of script replies (Lua tables become arrays) fixed across Jedis versions.
                .protocol(RedisProtocol.RESP2)
                .clientName("scatter")
                .connectionTimeoutMillis((int) options.connectTimeout().toMillis())
                .socketTimeoutMillis((int) options.socketTimeout().toMillis())
                .build();
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
                    .clientConfig(config)
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
}
