package dev.scatter.submit;

import ch.qos.logback.classic.Level;
import dev.scatter.broker.Broker;
import dev.scatter.broker.BrokerOptions;
import dev.scatter.broker.RedisUri;
import dev.scatter.cli.ExitCodes;
import dev.scatter.cli.Logging;
import dev.scatter.cli.RedisSource;
import dev.scatter.cli.Secrets;
import dev.scatter.runner.RunnerConfig;
import dev.scatter.task.TaskKinds;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A command's connection to Redis: the one given by --redis or REDIS_URL, or, for commands that run jobs, a
 * local cluster (embedded Redis and a runner) when none is given.
 */
final class Session implements AutoCloseable {

    private final Broker broker;
    private final LocalCluster local;

    private Session(Broker broker, LocalCluster local) {
        this.broker = broker;
        this.local = local;
    }

    Broker broker() {
        return broker;
    }

    boolean isLocal() {
        return local != null;
    }

    /** For commands that read or change existing jobs: a Redis must be given. */
    static Session connect(SubmitCommand root, String command) {
        quietLogs(root);
        String uri = RedisSource.resolve(root.redis, root.env).orElse(null);
        if (uri != null) {
            return new Session(Broker.connect(RedisUri.parse(uri),
                    BrokerOptions.DEFAULTS.withMinReplicas(root.minReplicas)), null);
        }
        LocalStore store = LocalStore.location(root.env).flatMap(LocalStore::openForReading)
                .orElseThrow(() -> new CliException(ExitCodes.USAGE, "no Redis given: '" + command + "' needs the"
                        + " Redis the job was submitted to (--redis URI or " + RedisSource.ENV + "), and there is no"
                        + " local store here (" + LocalStore.location(root.env).map(Object::toString)
                        .orElse(LocalStore.ENV + "=none") + ") of jobs run locally"));
        LocalCluster cluster = LocalCluster.startRedis(store);
        try {
            return new Session(Broker.connect(cluster.uri()), cluster);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * For commands that run a job: the given Redis, plus a runner of {@code localThreads} threads in this process
     * if asked; or, with no Redis given, an embedded one and a runner of a thread per core (or
     * {@code localThreads}).
     */
    static Session forJob(SubmitCommand root, Integer localThreads, String queue, Duration taskTimeout,
                          TaskKinds kinds, PrintWriter err) {
        quietLogs(root);
        String uri = RedisSource.resolve(root.redis, root.env).orElse(null);
        if (uri != null) {
            RedisUri parsed = RedisUri.parse(uri);
            if (localThreads == null) {
                return new Session(Broker.connect(parsed, BrokerOptions.DEFAULTS.withMinReplicas(root.minReplicas)),
                        null);
            }
            Broker broker = Broker.connect(parsed, options(localThreads).withMinReplicas(root.minReplicas));
            LocalCluster runners = LocalCluster.withoutRedis();
            runners.startRunners(broker, localThreads, queue, taskTimeout, kinds);
            err.println("submit: a local runner of " + localThreads + " thread" + (localThreads == 1 ? "" : "s")
                    + " on " + parsed);
            return new Session(broker, runners);
        }
        int threads = localThreads != null ? localThreads
                : Math.min(RunnerConfig.MAX_THREADS, Runtime.getRuntime().availableProcessors());
        LocalCluster cluster = LocalCluster.startRedis(LocalStore.location(root.env)
                .map(dir -> LocalStore.openForJob(dir, err)).orElseGet(LocalStore::temporary));
        Broker broker;
        try {
            broker = Broker.connect(RedisUri.parse(cluster.uri()), options(threads));
            LocalOrphans.cancel(broker, cluster.uri(), err);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        err.println("submit: no Redis given (--redis or " + RedisSource.ENV + "): running locally with an embedded "
                + "Redis " + broker.serverVersion() + " on port " + cluster.port() + " and " + threads + " local runner"
                + " thread" + (threads == 1 ? "" : "s") + (cluster.storeDir() == null ? "; nothing is kept"
                : "; jobs are kept in " + cluster.storeDir()));
        cluster.startRunners(broker, threads, queue, taskTimeout, kinds);
        return new Session(broker, cluster);
    }

    /** A pool that grows with the threads of a local runner, as a runner's own does. */
    private static BrokerOptions options(int threads) {
        return BrokerOptions.DEFAULTS.withPool(Math.max(16, 8 + threads / 4), Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    private static void quietLogs(SubmitCommand root) {
        // The CLI speaks for itself on stdout and stderr; in-process runners only log trouble, never a password.
        List<String> uris = new ArrayList<>();
        uris.add(root.redis);
        uris.add(root.env.get(RedisSource.ENV));
        Logging.configure(Logging.Format.TEXT, Level.WARN, Secrets.ofUris(uris));
    }

    @Override
    public void close() {
        if (local != null) {
            local.close();
        }
        broker.close();
    }
}
