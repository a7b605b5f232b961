package dev.scatter.submit;

import ch.qos.logback.classic.Level;
import dev.scatter.broker.Broker;
import dev.scatter.broker.RedisUri;
import dev.scatter.cli.ExitCodes;
import dev.scatter.cli.Logging;
import dev.scatter.cli.RedisSource;
import dev.scatter.task.RunnerSettings;
import dev.scatter.task.TaskKinds;
import java.io.PrintWriter;

/**
 * A command's connection to Redis: the one given by --redis or REDIS_URL, or, for commands that run jobs, a
 * local cluster (embedded Redis and runners) when none is given.
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
        quietLogs();
        String uri = RedisSource.resolve(root.redis, root.env).orElseThrow(() -> new CliException(ExitCodes.USAGE,
                "no Redis given: '" + command + "' needs the Redis the job was submitted to (--redis URI or "
                        + RedisSource.ENV + ")"));
        return new Session(Broker.connect(uri), null);
    }

    /**
     * For commands that run a job: the given Redis, plus {@code localRunners} runners in this process if asked;
     * or, with no Redis given, an embedded one and a runner per core (or {@code localRunners}).
     */
    static Session forJob(SubmitCommand root, Integer localRunners, String queue, RunnerSettings settings,
                          TaskKinds kinds, PrintWriter err) {
        quietLogs();
        String uri = RedisSource.resolve(root.redis, root.env).orElse(null);
        if (uri != null) {
            Broker broker = Broker.connect(uri);
            if (localRunners == null || localRunners == 0) {
                return new Session(broker, null);
            }
            LocalCluster runners = LocalCluster.withoutRedis();
            runners.startRunners(broker, localRunners, queue, settings, kinds);
            err.println("submit: " + localRunners + " local runners on " + RedisUri.parse(uri));
            return new Session(broker, runners);
        }
        int count = localRunners != null && localRunners > 0 ? localRunners : Runtime.getRuntime().availableProcessors();
        LocalCluster cluster = LocalCluster.startRedis();
        Broker broker;
        try {
            broker = Broker.connect(cluster.uri());
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        err.println("submit: no Redis given (--redis or " + RedisSource.ENV + "): running locally with an embedded "
                + "Redis " + broker.serverVersion() + " on port " + cluster.port() + " and " + count + " local runner"
                + (count == 1 ? "" : "s"));
        cluster.startRunners(broker, count, queue, settings, kinds);
        return new Session(broker, cluster);
    }

    private static void quietLogs() {
        // The CLI speaks for itself on stdout and stderr; in-process runners only log trouble.
        Logging.configure(Logging.Format.TEXT, Level.WARN);
    }

    @Override
    public void close() {
        if (local != null) {
            local.close();
        }
        broker.close();
    }
}
