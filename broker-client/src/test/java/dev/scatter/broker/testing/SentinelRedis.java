package dev.scatter.broker.testing;

import dev.scatter.localredis.FreePort;
import dev.scatter.localredis.LocalRedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A Sentinel-managed Redis of real processes on free ports: a master, one replica, and three
 * {@code redis-server --sentinel} watching them under the name {@link #MASTER}, quorum 2, a master judged down
 * after one second. Both data servers keep an append-only file, fsynced on every write.
 */
public final class SentinelRedis implements AutoCloseable {

    public static final String MASTER = "scatter";
    private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(60);

    private final List<LocalRedisServer> servers = new ArrayList<>();
    private final List<SentinelProcess> sentinels = new ArrayList<>();
    private LocalRedisServer killed;

    public SentinelRedis() {
        try {
            LocalRedisServer master = dataServer().build().start();
            servers.add(master);
            LocalRedisServer replica = dataServer().arg("--replicaof", "127.0.0.1", Integer.toString(master.port()))
                    .build().start();
            servers.add(replica);
            awaitReplicaInSync(master);
            for (int i = 0; i < 3; i++) {
                sentinels.add(new SentinelProcess(master.binary(), master.port()));
            }
            awaitSentinelsSee(master.port(), 1);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static LocalRedisServer.Builder dataServer() {
        return LocalRedisServer.builder().appendOnly(true).appendFsync("always");
    }

    /** {@code redis-sentinel://127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3#scatter}. */
    public String uri() {
        return "redis-sentinel://" + sentinels.stream().map(s -> "127.0.0.1:" + s.port)
                .collect(Collectors.joining(",")) + "#" + MASTER;
    }

    /** The port of the master as the sentinels name it now. */
    public int masterPort() {
        for (SentinelProcess sentinel : sentinels) {
            try (Jedis jedis = new Jedis("127.0.0.1", sentinel.port)) {
                List<String> address = jedis.sentinelGetMasterAddrByName(MASTER);
                return Integer.parseInt(address.get(1));
            } catch (RuntimeException tryTheNext) {
                // a sentinel may be restarting
            }
        }
        throw new IllegalStateException("no sentinel answers");
    }

    /**
     * SIGKILLs the current master, once the replica has every write the master had acknowledged when this was
     * called, then waits until the sentinels have promoted the replica and it takes writes. Writes of the moment
     * before the kill may still be lost, as asynchronous replication allows. The old master stays down until
     * {@link #restartKilled()}. Returns the new master's port.
     */
    public int killMasterAndAwaitFailover() {
        int old = masterPort();
        LocalRedisServer master = servers.stream().filter(s -> s.port() == old).findFirst().orElseThrow();
        awaitReplicaHas(old);
        master.kill();
        killed = master;
        long deadline = System.nanoTime() + FAILOVER_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            int now = masterPort();
            if (now != old && isWritableMaster(now)) {
                return now;
            }
            pause(100);
        }
        throw new IllegalStateException("the sentinels did not promote the replica within " + FAILOVER_TIMEOUT);
    }

    /**
     * Starts the killed master again as a replica of the master the sentinels name, as a supervisor that asks the
     * sentinels before it starts a server does, and returns once the new master has it as a replica in sync.
     *
     * <p>Left to the sentinels, it would start as a master and be told REPLICAOF only once it had reported so for
     * some seconds, seen at their INFO period of 10 s; and a sentinel whose timer is held up for over 2 s, as on a
     * loaded machine, enters TILT mode and changes nothing for 30 s. Its rejoining raced the wait below. What is
     * tested is the clients, not how soon sentinels reconfigure a returning master.
     */
    public void restartKilled() {
        int master = masterPort();
        killed.start();
        try (Jedis jedis = new Jedis("127.0.0.1", killed.port())) {
            jedis.replicaof("127.0.0.1", master);
        }
        long deadline = System.nanoTime() + FAILOVER_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Jedis jedis = new Jedis("127.0.0.1", master)) {
                if (jedis.info("replication").contains("port=" + killed.port() + ",state=online")) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // still failing over
            }
            pause(100);
        }
        throw new IllegalStateException("the restarted server on port " + killed.port() + " did not become a"
                + " replica in sync of the new master on port " + master + " within " + FAILOVER_TIMEOUT + ": "
                + replication(master) + " / " + replication(killed.port()));
    }

    /** Waits until a replica in sync with the master reports the master's offset as read now. */
    private static void awaitReplicaHas(int master) {
        long target = offset(replication(master), "master_repl_offset");
        long deadline = System.nanoTime() + FAILOVER_TIMEOUT.toNanos();
        while (true) {
            String info = replication(master);
            // slave0:ip=127.0.0.1,port=...,state=online,offset=...,lag=0
            for (String line : info.split(" ")) {
                if (line.startsWith("slave") && line.contains("state=online")
                        && Long.parseLong(line.replaceAll(".*offset=(\\d+).*", "$1")) >= target) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no replica reached offset " + target + " of the master on port "
                        + master + " within " + FAILOVER_TIMEOUT + ": " + info);
            }
            pause(20);
        }
    }

    private static long offset(String replication, String field) {
        for (String part : replication.split(" ")) {
            if (part.startsWith(field + ":")) {
                return Long.parseLong(part.substring(field.length() + 1));
            }
        }
        throw new IllegalStateException("no " + field + " in " + replication);
    }

    private static String replication(int port) {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            return jedis.info("replication").replaceAll("\\s+", " ").strip();
        } catch (RuntimeException e) {
            return "port " + port + ": " + e.getMessage();
        }
    }

    private static boolean isWritableMaster(int port) {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            return jedis.info("replication").contains("role:master");
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void awaitReplicaInSync(LocalRedisServer master) {
        long deadline = System.nanoTime() + FAILOVER_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Jedis jedis = new Jedis("127.0.0.1", master.port())) {
                if (jedis.info("replication").contains("state=online")) {
                    return;
                }
            }
            pause(50);
        }
        throw new IllegalStateException("the replica did not come in sync with the master");
    }

    private void awaitSentinelsSee(int masterPort, int replicas) {
        long deadline = System.nanoTime() + FAILOVER_TIMEOUT.toNanos();
        for (SentinelProcess sentinel : sentinels) {
            while (true) {
                try (Jedis jedis = new Jedis("127.0.0.1", sentinel.port)) {
                    // Each sentinel must know the replica and the two other sentinels before a failover can pass.
                    if (jedis.sentinelReplicas(MASTER).size() >= replicas
                            && jedis.sentinelSentinels(MASTER).size() >= sentinels.size() - 1) {
                        break;
                    }
                } catch (RuntimeException notYet) {
                    // still starting
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("sentinel on port " + sentinel.port + " does not see the"
                            + " replica and the other sentinels");
                }
                pause(50);
            }
        }
    }

    @Override
    public void close() {
        sentinels.forEach(SentinelProcess::close);
        servers.forEach(LocalRedisServer::close);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** One {@code redis-server sentinel.conf --sentinel} child process. */
    private static final class SentinelProcess implements AutoCloseable {
        final int port = FreePort.pick();
        final Path dir;
        final Process process;

        SentinelProcess(Path binary, int masterPort) {
            try {
                dir = Files.createTempDirectory("scatter-sentinel-");
                Path conf = dir.resolve("sentinel.conf");
                Files.writeString(conf, String.join("\n",
                        "port " + port,
                        "bind 127.0.0.1",
                        "dir " + dir,
                        "sentinel monitor " + MASTER + " 127.0.0.1 " + masterPort + " 2",
                        "sentinel down-after-milliseconds " + MASTER + " 1000",
                        "sentinel failover-timeout " + MASTER + " 10000",
                        "sentinel parallel-syncs " + MASTER + " 1",
                        ""));
                process = new ProcessBuilder(binary.toString(), conf.toString(), "--sentinel")
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("sentinel.log").toFile())
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start a sentinel", e);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", port))) {
                    jedis.ping();
                    return;
                } catch (RuntimeException notYet) {
                    pause(20);
                }
            }
            close();
            throw new IllegalStateException("sentinel on port " + port + " did not answer");
        }

        @Override
        public void close() {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
