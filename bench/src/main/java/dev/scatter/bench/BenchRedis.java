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
    private Map<String, Jedis> nodes;

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

    /** The server's figures; a cluster's masters' together. */
    RedisStats stats() {
        RedisStats total = new RedisStats(Map.of(), 0);
        for (RedisStats node : nodeStats().values()) {
            total = total.plus(node);
        }
        return total;
    }

    /** Each server's figures, by host:port: the one server, or each master of a cluster. */
    Map<String, RedisStats> nodeStats() {
        Map<String, RedisStats> stats = new java.util.TreeMap<>();
        for (Map.Entry<String, Jedis> node : nodes().entrySet()) {
            try {
                stats.put(node.getKey(), RedisStats.parse(node.getValue().info("commandstats"),
                        node.getValue().info("cpu")));
            } catch (JedisException e) {
                throw new BenchFailure("cannot read INFO from " + node.getKey() + ": " + e.getMessage(), e);
            }
        }
        return stats;
    }

    /**
     * {@code count} queue names, spread over a cluster's masters as evenly as their slots allow (a queue lives on
     * the slot of its name); for one server, "prefix-0", "prefix-1", ...
     */
    List<String> queueNames(String prefix, int count) {
        if (count == 1) {
            return List.of(prefix);
        }
        if (uri.topology() != RedisUri.Topology.CLUSTER) {
            return java.util.stream.IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
        }
        Map<String, Integer> perMaster = new java.util.HashMap<>();
        int masters = nodes().size();
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; names.size() < count; i++) {
            String name = prefix + "-" + i;
            String master = masterOf(redis.clients.jedis.util.JedisClusterCRC16.getSlot(name));
            if (perMaster.getOrDefault(master, 0) < (count + masters - 1) / masters) {
                perMaster.merge(master, 1, Integer::sum);
                names.add(name);
            }
        }
        return names;
    }

    private String masterOf(int slot) {
        for (Object range : admin().clusterSlots()) {
            List<?> r = (List<?>) range;
            if ((Long) r.get(0) <= slot && slot <= (Long) r.get(1)) {
                List<?> master = (List<?>) r.get(2);
                return new String((byte[]) master.get(0), java.nio.charset.StandardCharsets.UTF_8) + ":" + master.get(1);
            }
        }
        throw new BenchFailure("no node of " + uri + " serves slot " + slot, null);
    }

    /** The admin connection to the server that holds {@code key}: the one server, or its slot's master. */
    private Jedis nodeOf(String key) {
        if (uri.topology() != RedisUri.Topology.CLUSTER) {
            return admin();
        }
        Jedis node = nodes().get(masterOf(redis.clients.jedis.util.JedisClusterCRC16.getSlot(key)));
        return node != null ? node : admin();
    }

    /** Admin connections to every server whose figures count: the one server, or each master of a cluster. */
    private Map<String, Jedis> nodes() {
        if (nodes == null) {
            nodes = new java.util.TreeMap<>();
            if (uri.topology() != RedisUri.Topology.CLUSTER) {
                nodes.put(uri.address(), admin());
            } else {
                try {
                    for (Object range : admin().clusterSlots()) {
                        List<?> master = (List<?>) ((List<?>) range).get(2);
                        String host = new String((byte[]) master.get(0), java.nio.charset.StandardCharsets.UTF_8);
                        int port = ((Long) master.get(1)).intValue();
                        nodes.computeIfAbsent(host + ":" + port, k -> connect(host, port));
                    }
                } catch (JedisException e) {
                    throw new BenchFailure("cannot read the cluster's slots from " + uri + ": " + e.getMessage(), e);
                }
            }
        }
        return nodes;
    }

    /** A whole hash, e.g. a job's, with the fields the Broker API does not expose (reduceQueuedAt). */
    Map<String, String> hash(String key) {
        try {
            return nodeOf(key).hgetAll(key);
        } catch (JedisException e) {
            throw new BenchFailure("cannot read " + key + " from " + uri + ": " + e.getMessage(), e);
        }
    }

    /** Clients subscribed to a channel (PUBSUB NUMSUB): how a benchmark knows a subscription is in place. */
    long subscribers(String channel) {
        try {
            // A cluster keeps a subscription on the node its client chose: every master is asked.
            long subscribers = 0;
            for (Jedis node : nodes().values()) {
                subscribers += node.pubsubNumSub(channel).getOrDefault(channel, 0L);
            }
            return subscribers;
        } catch (JedisException e) {
            throw new BenchFailure("cannot read PUBSUB NUMSUB from " + uri + ": " + e.getMessage(), e);
        }
    }

    /** The shard queues that the queue's sharded jobs used (its "shard-queues" set). */
    java.util.Set<String> shardQueues(String queue) {
        String key = new QueueKeys(queue).shardQueues();
        try {
            return nodeOf(key).smembers(key);
        } catch (JedisException e) {
            throw new BenchFailure("cannot read " + key + " from " + uri + ": " + e.getMessage(), e);
        }
    }

    /** Deletes every key of the queue (jobs, results, refs, leases): a run against a shared Redis leaves nothing. */
    long deleteQueue(String queue) {
        String pattern = QueueKeys.ROOT + "{" + queue + "}:*";
        ScanParams params = new ScanParams().match(pattern).count(1000);
        long deleted = 0;
        try {
            // Each node scans only its own keys: a cluster's are looked for on every master.
            for (Jedis node : nodes().values()) {
                String cursor = ScanParams.SCAN_POINTER_START;
                do {
                    ScanResult<String> page = node.scan(cursor, params);
                    List<String> keys = page.getResult();
                    if (!keys.isEmpty()) {
                        // UNLINK frees memory in the background: a million-entry hash does not block Redis.
                        deleted += node.unlink(keys.toArray(String[]::new));
                    }
                    cursor = page.getCursor();
                } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            }
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
            admin = connect(uri.host(), uri.port());
        }
        return admin;
    }

    private Jedis connect(String host, int port) {
        return new Jedis(new HostAndPort(host, port), DefaultJedisClientConfig.builder()
                .user(uri.user())
                .password(uri.password())
                .database(uri.database())
                .ssl(uri.tls())
                .protocol(RedisProtocol.RESP2)
                .clientName("scatter-bench")
                .timeoutMillis(30_000)
                .build());
    }

    @Override
    public void close() {
        if (nodes != null) {
            nodes.values().stream().filter(node -> node != admin).forEach(Jedis::close);
        }
        if (admin != null) {
            admin.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
