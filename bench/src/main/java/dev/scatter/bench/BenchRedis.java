package dev.scatter.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import dev.scatter.broker.QueueKeys;
import dev.scatter.broker.RedisUri;
import dev.scatter.localredis.LocalRedisServer;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The Redis a benchmark runs against: a private redis-server started for the run (no persistence, so the
 * figures measure the protocol and not the disk), or one given by URI. Also holds a plain admin connection for
 * what the Broker API rightly does not offer: server statistics and deleting a whole queue.
 */
final class BenchRedis implements AutoCloseable {

    private final LocalRedisServer server;
    private final String uriText;
    private final RedisUri uri;
    private Jedis admin;

    private BenchRedis(LocalRedisServer server, String uriText) {
        this.server = server;
        this.uriText = uriText;
        this.uri = RedisUri.parse(uriText);
    }

    /** Parses {@code uri}, or starts a private redis-server when it is null. */
    static BenchRedis open(String uri, PrintStream progress) {
        if (uri != null) {
            return new BenchRedis(null, uri);
        }
        LocalRedisServer server = LocalRedisServer.builder().appendOnly(false).build();
        progress.println("starting " + server.binary() + " ...");
        try {
            server.start();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return new BenchRedis(server, server.uri());
    }

    RedisUri uri() {
        return uri;
    }

    /** The URI as given, password included: for runner processes only (in their environment, never logged). */
    String uriText() {
        return uriText;
    }

    /** Where the figures come from, safe to print (the password is masked). */
    String description() {
        return server == null
                ? uri.toString()
                : "private " + server.binary() + " on " + uri.address() + ", no persistence";
    }

    RedisStats stats() {
        try {
            return RedisStats.parse(admin().info("commandstats"), admin().info("cpu"));
        } catch (JedisException e) {
            throw new BenchFailure("cannot read INFO from " + uri + ": " + e.getMessage(), e);
        }
    }

    /** A whole hash, e.g. a job's, with the fields the Broker API does not expose (reduceQueuedAt). */
    Map<String, String> hash(String key) {
        try {
            return admin().hgetAll(key);
        } catch (JedisException e) {
            throw new BenchFailure("cannot read " + key + " from " + uri + ": " + e.getMessage(), e);
        }
    }

    /** Clients subscribed to a channel (PUBSUB NUMSUB): how a benchmark knows a subscription is in place. */
    long subscribers(String channel) {
        try {
            return admin().pubsubNumSub(channel).getOrDefault(channel, 0L);
        } catch (JedisException e) {
            throw new BenchFailure("cannot read PUBSUB NUMSUB from " + uri + ": " + e.getMessage(), e);
        }
    }

    /** Deletes every key of the queue (jobs, results, refs, leases): a run against a shared Redis leaves nothing. */
    long deleteQueue(String queue) {
        String pattern = QueueKeys.ROOT + "{" + queue + "}:*";
        ScanParams params = new ScanParams().match(pattern).count(1000);
        long deleted = 0;
        try {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = admin().scan(cursor, params);
                List<String> keys = page.getResult();
                if (!keys.isEmpty()) {
                    // UNLINK frees memory in the background: a million-entry hash does not block Redis.
                    deleted += admin().unlink(keys.toArray(String[]::new));
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        } catch (JedisException e) {
            throw new BenchFailure("cannot delete the keys of queue " + queue + " (" + pattern + ") on " + uri
                    + ": " + e.getMessage(), e);
        }
        return deleted;
    }

    /** The latest latency the latency monitor recorded for an event (ms), 0 when none since the last reset. */
    long latestLatency(String event) {
        try {
            Object reply = admin().sendCommand(redis.clients.jedis.Protocol.Command.LATENCY, "LATEST");
            for (Object row : (List<?>) reply) {
                List<?> fields = (List<?>) row;
                String name = new String((byte[]) fields.get(0), java.nio.charset.StandardCharsets.UTF_8);
                if (name.equals(event)) {
                    return (Long) fields.get(3);
                }
            }
            return 0;
        } catch (JedisException e) {
            throw new BenchFailure("cannot read LATENCY LATEST from " + uri + ": " + e.getMessage(), e);
        }
    }

    /** A plain connection for what the Broker API rightly does not offer (SLOWLOG, CONFIG, key expiry). */
    Jedis admin() {
        if (admin == null) {
            admin = new Jedis(new HostAndPort(uri.host(), uri.port()), DefaultJedisClientConfig.builder()
                    .user(uri.user())
                    .password(uri.password())
                    .database(uri.database())
                    .ssl(uri.tls())
                    .protocol(RedisProtocol.RESP2)
                    .clientName("scatter-bench")
                    .timeoutMillis(30_000)
                    .build());
        }
        return admin;
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
