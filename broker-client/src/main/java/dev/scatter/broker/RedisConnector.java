package dev.scatter.broker;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.providers.ClusterConnectionProvider;

/**
 * Opens a pooled client for a {@link RedisUri} and proves it works with a PING before handing it out: a plain
 * client for one server, Jedis's sentinel-aware client for Sentinel (it follows the master the sentinels name,
 * across failovers) and its cluster client for Cluster (it follows MOVED and ASK and refreshes the slot map).
 */
final class RedisConnector {

    private static final java.time.Duration TOPOLOGY_REFRESH = java.time.Duration.ofSeconds(5);
    private static final java.time.Duration CLUSTER_RETRIES = java.time.Duration.ofSeconds(2);

    private RedisConnector() {
    }

    static UnifiedJedis open(RedisUri uri, BrokerOptions options, RedisErrors errors) {
        if (uri.topology() == RedisUri.Topology.STANDALONE && uri.tls()
                && PlainRedisProbe.speaksPlainRedis(uri.host(), uri.port(), options.connectTimeout())) {
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
        DefaultJedisClientConfig config = config(uri, options, "scatter", options.socketTimeout().toMillis());
        UnifiedJedis client;
        try {
            client = switch (uri.topology()) {
                case STANDALONE -> RedisClient.builder()
                        .hostAndPort(uri.host(), uri.port())
                        .clientConfig(config)
                        .poolConfig(pool)
                        .build();
                case SENTINEL -> RedisSentinelClient.builder()
                        .masterName(uri.masterName())
                        .sentinels(hostsAndPorts(uri))
                        .clientConfig(config)
                        .sentinelClientConfig(sentinelConfig(uri, options))
                        .poolConfig(pool)
                        .build();
                // Each call follows MOVED and ASK, refreshing the slot map, and retries a node it cannot reach for at
                // most two seconds: the caller rides out the rest (a replica's promotion, say) as an outage, and a
                // thread that serves queues on several nodes is not held long by a dead one.
                case CLUSTER -> {
                    // The slot map is also read again every few seconds, and whenever a call fails in a way that
                    // says it may be stale (see RedisErrors#onTopologyDoubt).
                    ClusterConnectionProvider provider = new ClusterConnectionProvider(hostsAndPorts(uri), config, pool,
                            TOPOLOGY_REFRESH);
                    errors.onTopologyDoubt(provider::renewSlotCache);
                    yield RedisClusterClient.builder()
                            .nodes(hostsAndPorts(uri))
                            .clientConfig(config)
                            .connectionProvider(provider)
                            .maxAttempts(5)
                            .maxTotalRetriesDuration(CLUSTER_RETRIES)
                            .build();
                }
            };
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
     *
     * <p>Under Sentinel it is made to the current master. Under Cluster it is made to any node that answers:
     * a PUBLISH reaches every node of a cluster (the scripts publish with PUBLISH, not SPUBLISH), so one
     * subscription anywhere hears every queue's wake-ups, and a node lost is replaced by the next one tried.
     */
    static Jedis dedicated(RedisUri uri, BrokerOptions options, UnifiedJedis client) {
        DefaultJedisClientConfig config = config(uri, options, "scatter-subscriber", 0);
        return switch (uri.topology()) {
            case STANDALONE -> new Jedis(uri.host(), uri.port(), config);
            case SENTINEL -> new Jedis(((RedisSentinelClient) client).getCurrentMaster(), config);
            case CLUSTER -> anyNode(uri, (RedisClusterClient) client, config);
        };
    }

    private static Jedis anyNode(RedisUri uri, RedisClusterClient client, DefaultJedisClientConfig config) {
        List<HostAndPort> candidates = new ArrayList<>();
        client.getClusterNodes().keySet().forEach(node -> candidates.add(HostAndPort.from(node)));
        Collections.shuffle(candidates);
        candidates.addAll(hostsAndPorts(uri));
        RuntimeException last = null;
        for (HostAndPort node : candidates) {
            Jedis jedis = new Jedis(node, config);
            try {
                jedis.ping();
                return jedis;
            } catch (RuntimeException e) {
                jedis.close();
                last = e;
            }
        }
        throw last;
    }

    private static Set<HostAndPort> hostsAndPorts(RedisUri uri) {
        Set<HostAndPort> nodes = new LinkedHashSet<>();
        uri.nodes().forEach(node -> nodes.add(new HostAndPort(node.host(), node.port())));
        return nodes;
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

    /** The sentinels are asked with their own credentials from the URI's query, or none. */
    private static DefaultJedisClientConfig sentinelConfig(RedisUri uri, BrokerOptions options) {
        return DefaultJedisClientConfig.builder()
                .user(uri.sentinelUser())
                .password(uri.sentinelPassword())
                .ssl(uri.tls())
                .protocol(RedisProtocol.RESP2)
                .clientName("scatter-sentinel")
                .connectionTimeoutMillis((int) options.connectTimeout().toMillis())
                .socketTimeoutMillis((int) options.socketTimeout().toMillis())
                .build();
    }
}
