package dev.scatter.broker.testing;

import dev.scatter.localredis.FreePort;
import dev.scatter.localredis.LocalRedisServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A Redis Cluster of real processes on free ports: three masters with a replica each, made with
 * {@code redis-cli --cluster create}, every node with an append-only file fsynced on every write and a node
 * timeout of two seconds. Tests can move a slot ({@link #moveSlot}) and kill a master so that its replica
 * takes over ({@link #killMasterOf}).
 *
 * <p>Healthy means more than {@code cluster_state:ok}, which a new cluster reports seconds before its replicas
 * hold any data: every replica's link to its master is up, and every node names the same owner for a slot just
 * moved. A master killed before that takes with it what its replica never had (a promoted replica with
 * {@code master_repl_offset:0}, every job of its slots gone), which is replication being asynchronous, not
 * something the clients under test can mend.
 */
public final class ClusterRedis implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final List<LocalRedisServer> nodes = new ArrayList<>();

    public ClusterRedis() {
        try {
            for (int i = 0; i < 6; i++) {
                // Redis 7 takes the cluster bus port as an option: a free one, not port + 10000 (which may be taken
                // or beyond 65535).
                nodes.add(LocalRedisServer.builder().appendOnly(true).appendFsync("always")
                        .arg("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                                "--cluster-node-timeout", "2000", "--cluster-port", Integer.toString(FreePort.pick()),
                                // A replica's first sync starts at once, not after the default 5 s that a
                                // diskless sync waits for other replicas to join it.
                                "--repl-diskless-sync-delay", "0",
                                // Slots whose master and replica are both gone stop; the others go on serving.
                                "--cluster-require-full-coverage", "no")
                        .build().start());
            }
            List<String> command = new ArrayList<>(List.of(redisCli(), "--cluster", "create"));
            nodes.forEach(node -> command.add("127.0.0.1:" + node.port()));
            command.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
            run(command);
            awaitHealthy();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** {@code redis-cluster://} with every node as a seed. */
    public String uri() {
        return "redis-cluster://" + nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
    }

    public static int slotOf(String key) {
        return JedisClusterCRC16.getSlot(key);
    }

    /** The port of the master that serves a slot now. */
    public int masterOf(int slot) {
        for (LocalRedisServer node : nodes) {
            if (!node.isRunning()) {
                continue;
            }
            try (Jedis jedis = new Jedis("127.0.0.1", node.port())) {
                for (Object range : jedis.clusterSlots()) {
                    List<?> r = (List<?>) range;
                    if ((Long) r.get(0) <= slot && slot <= (Long) r.get(1)) {
                        return ((Long) ((List<?>) r.get(2)).get(1)).intValue();
                    }
                }
            } catch (RuntimeException tryTheNext) {
                // a node may be down
            }
        }
        throw new IllegalStateException("no node serves slot " + slot);
    }

    /** The masters' ports. */
    public List<Integer> masters() {
        List<Integer> masters = new ArrayList<>();
        for (LocalRedisServer node : nodes) {
            if (node.isRunning()) {
                try (Jedis jedis = new Jedis("127.0.0.1", node.port())) {
                    if (jedis.info("replication").contains("role:master")) {
                        masters.add(node.port());
                    }
                }
            }
        }
        return masters;
    }

    /**
     * Moves one slot, with its keys, to another master, in the steps {@code redis-cli --cluster reshard} takes
     * (which cannot be told which slot to move): IMPORTING and MIGRATING, MIGRATE in batches, then SETSLOT NODE
     * on both. Clients meet ASK while it moves and MOVED after. Returns the port of the master that serves it now.
     */
    public int moveSlot(int slot) {
        int from = masterOf(slot);
        int to = masters().stream().filter(p -> p != from).findFirst().orElseThrow();
        String fromId = nodeId(from);
        String toId = nodeId(to);
        try (Jedis source = new Jedis("127.0.0.1", from); Jedis target = new Jedis("127.0.0.1", to)) {
            target.clusterSetSlotImporting(slot, fromId);
            source.clusterSetSlotMigrating(slot, toId);
            while (true) {
                List<String> keys = source.clusterGetKeysInSlot(slot, 100);
                if (keys.isEmpty()) {
                    break;
                }
                source.migrate("127.0.0.1", to, 0, 5000,
                        new redis.clients.jedis.params.MigrateParams().replace(), keys.toArray(String[]::new));
            }
            target.clusterSetSlotNode(slot, toId);
            source.clusterSetSlotNode(slot, toId);
        }
        awaitHealthy();
        awaitEveryNodeSees(slot, to);
        return to;
    }

    /**
     * Waits until every running node, replicas included, names {@code master} as the slot's owner. The new owner
     * broadcasts it at once, but Redis 7.0 does not replicate SETSLOT: a replica promoted before it has heard
     * claims only the slots it knew of, and a slot just moved would be left to a dead node.
     */
    private void awaitEveryNodeSees(int slot, int master) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (LocalRedisServer node : nodes) {
            while (node.isRunning() && ownerSeenBy(node.port(), slot) != master) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("node " + node.port() + " does not see slot " + slot
                            + " on " + master + " within " + TIMEOUT + ":\n" + describe());
                }
                pause(50);
            }
        }
    }

    private static int ownerSeenBy(int port, int slot) {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            for (Object range : jedis.clusterSlots()) {
                List<?> r = (List<?>) range;
                if ((Long) r.get(0) <= slot && slot <= (Long) r.get(1)) {
                    return ((Long) ((List<?>) r.get(2)).get(1)).intValue();
                }
            }
        } catch (RuntimeException notYet) {
            // answers next time
        }
        return -1;
    }

    /**
     * SIGKILLs the master serving a slot, once its replica has every write the master had acknowledged when this
     * was called, and waits until the replica has taken over. Returns the new master's port. Writes acknowledged
     * in the moment before the kill may still be lost, as asynchronous replication allows; what the test decided
     * before it (its submits, a slot moved) is not.
     */
    public int killMasterOf(int slot) {
        int old = masterOf(slot);
        List<Integer> replicas = replicasOf(old);
        if (replicas.isEmpty()) {
            throw new IllegalStateException("the master on " + old + " has no replica:\n" + describe());
        }
        awaitReplicasHave(old, replicas);
        nodes.stream().filter(n -> n.port() == old).findFirst().orElseThrow().kill();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long takeOverAt = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (takeOverAt != 0 && System.nanoTime() - takeOverAt > 0) {
                // On a loaded machine an election can fail to pass; what is tested is that clients follow a
                // promotion, so the replica is then told to take over, as an operator would. It loses nothing
                // the election would have kept: the replica was in sync when its master was killed (a replica
                // that never synced refuses an election, "disconnected from master for longer than allowed",
                // and a takeover would promote it empty).
                takeOverAt = 0;
                for (int replica : replicas) {
                    try (Jedis jedis = new Jedis("127.0.0.1", replica)) {
                        jedis.clusterFailover(redis.clients.jedis.args.ClusterFailoverOption.TAKEOVER);
                    } catch (RuntimeException ignored) {
                        // promoted meanwhile, or down
                    }
                }
            }
            try {
                int now = masterOf(slot);
                if (now != old && clusterOk(now)) {
                    return now;
                }
            } catch (IllegalStateException notYet) {
                // the slot is unserved until the replica is promoted
            }
            pause(100);
        }
        throw new IllegalStateException("no replica took over slot " + slot + ":\n" + describe());
    }

    /** Waits until each replica's offset reaches the master's as read now. */
    private void awaitReplicasHave(int master, List<Integer> replicas) {
        long target;
        try (Jedis jedis = new Jedis("127.0.0.1", master)) {
            target = Long.parseLong(field(jedis.info("replication"), "master_repl_offset"));
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (int replica : replicas) {
            while (replicaOffset(replica) < target) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the replica on " + replica + " did not reach offset " + target
                            + " of its master on " + master + " within " + TIMEOUT + ":\n" + describe());
                }
                pause(20);
            }
        }
    }

    private static long replicaOffset(int port) {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            String replication = jedis.info("replication");
            return "up".equals(field(replication, "master_link_status"))
                    ? Long.parseLong(field(replication, "slave_repl_offset")) : -1;
        } catch (RuntimeException notYet) {
            return -1;
        }
    }

    private List<Integer> replicasOf(int master) {
        List<Integer> replicas = new ArrayList<>();
        for (LocalRedisServer node : nodes) {
            if (node.port() != master && node.isRunning()) {
                try (Jedis jedis = new Jedis("127.0.0.1", node.port())) {
                    if (jedis.info("replication").contains("master_port:" + master + "\r\n")) {
                        replicas.add(node.port());
                    }
                }
            }
        }
        return replicas;
    }

    /**
     * SIGKILLs the master serving a slot and its replica, so that the slot is served by no one, while the rest of
     * the cluster goes on. Returns what restarts them (same ports, same data): the slot is served again.
     */
    public Runnable killShardOf(int slot) {
        int master = masterOf(slot);
        List<LocalRedisServer> shard = new ArrayList<>();
        for (LocalRedisServer node : nodes) {
            if (node.port() == master) {
                shard.add(node);
            } else if (node.isRunning()) {
                try (Jedis jedis = new Jedis("127.0.0.1", node.port())) {
                    if (jedis.info("replication").contains("master_port:" + master + "\r\n")) {
                        shard.add(node);
                    }
                }
            }
        }
        shard.forEach(LocalRedisServer::kill);
        return () -> {
            shard.forEach(LocalRedisServer::start);
            awaitHealthy();
        };
    }

    private String nodeId(int port) {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            return jedis.clusterMyId();
        }
    }

    /** Every running node reports cluster_state:ok and, if a replica, a link to its master that is up. */
    private void awaitHealthy() {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (LocalRedisServer node : nodes) {
            while (node.isRunning() && !(clusterOk(node.port()) && linkUpIfReplica(node.port()))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the cluster did not become healthy within " + TIMEOUT + ":\n"
                            + describe());
                }
                pause(50);
            }
        }
    }

    private static boolean clusterOk(int port) {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            return jedis.clusterInfo().contains("cluster_state:ok");
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A replica's link is up once its first sync has loaded the master's data. */
    private static boolean linkUpIfReplica(int port) {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            String replication = jedis.info("replication");
            return !"slave".equals(field(replication, "role")) || "up".equals(field(replication, "master_link_status"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Each node's role, replication link and offset, keys and cluster state: for failure messages. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        for (LocalRedisServer node : nodes) {
            if (!node.isRunning()) {
                out.append(node.port()).append(": down\n");
                continue;
            }
            try (Jedis jedis = new Jedis("127.0.0.1", node.port())) {
                String replication = jedis.info("replication");
                out.append(node.port()).append(": ").append(field(replication, "role"))
                        .append(" of ").append(field(replication, "master_port"))
                        .append(", link ").append(field(replication, "master_link_status"))
                        .append(", offset ").append(field(replication, "master_repl_offset"))
                        .append(", keys ").append(jedis.dbSize())
                        .append(", ").append(field(jedis.clusterInfo(), "cluster_state")).append('\n');
            } catch (RuntimeException e) {
                out.append(node.port()).append(": ").append(e.getMessage()).append('\n');
            }
        }
        return out.toString();
    }

    /** One field of an INFO or CLUSTER INFO reply; "-" when absent. */
    private static String field(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).strip();
            }
        }
        return "-";
    }

    /** Whether redis-cli, which creates the cluster, can be run from PATH. */
    public static boolean cliAvailable() {
        try {
            Process process = new ProcessBuilder("redis-cli", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String redisCli() {
        java.nio.file.Path sibling = nodes.get(0).binary().resolveSibling("redis-cli");
        return java.nio.file.Files.isExecutable(sibling) ? sibling.toString() : "redis-cli";
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: "
                        + new String(out, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        nodes.forEach(LocalRedisServer::close);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
