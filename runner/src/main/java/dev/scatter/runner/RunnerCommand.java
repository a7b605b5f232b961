package dev.scatter.runner;

import ch.qos.logback.classic.Level;
import dev.scatter.broker.Backoff;
import dev.scatter.broker.Broker;
import dev.scatter.broker.BrokerAuthException;
import dev.scatter.broker.BrokerException;
import dev.scatter.broker.BrokerOptions;
import dev.scatter.broker.BrokerUnavailableException;
import dev.scatter.broker.Excerpt;
import dev.scatter.broker.InvalidRedisUriException;
import dev.scatter.broker.QueueKeys;
import dev.scatter.broker.RedisUri;
import dev.scatter.broker.WrongServerException;
import dev.scatter.cli.Bounds;
import dev.scatter.cli.ExitCodes;
import dev.scatter.cli.Logging;
import dev.scatter.cli.RedisSource;
import dev.scatter.cli.Secrets;
import dev.scatter.cli.VersionProvider;
import dev.scatter.task.TaskKinds;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code runner}: serve queues until SIGTERM or SIGINT, then stop in two phases and exit 0. */
@Command(name = "runner", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Claims tasks from Redis queues, runs them, renews their leases, and reports results.%n"
                + "Runs until SIGTERM or SIGINT: then it stops claiming, lets running tasks finish within the drain"
                + " deadline, hands back the rest at once, and exits 0.",
        exitCodeListHeading = "%nExit codes:%n")
public final class RunnerCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunnerCommand.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:@-]{1,100}");

    @Spec
    private CommandSpec spec;

    @Option(names = "--redis", paramLabel = "URI",
            description = "Redis to serve: redis://[[user]:password@]host[:port][/db], rediss:// for TLS,"
                    + " redis-sentinel://host[:port][,host...]#master, redis-cluster://host[:port][,host...]; a %% in"
                    + " the password is written %%25. Default: the REDIS_URL environment variable (better for a password:"
                    + " ps shows command lines).")
    private String redis;

    @Option(names = "--min-replicas", paramLabel = "N", converter = Bounds.Replicas.class, defaultValue = "0",
            description = "Count a task's result (and a job's end) as settled only once N replicas have it (Redis"
                    + " WAIT), so a failover cannot lose it; 0 to 16. Default: ${DEFAULT-VALUE} (a failover may"
                    + " lose the last results: their tasks run again).")
    private int minReplicas;

    @Option(names = {"-q", "--queue"}, split = ",", paramLabel = "NAME", defaultValue = "default",
            converter = Bounds.Queue.class,
            description = "Queues to serve, in order (repeat or separate with commas). Default: ${DEFAULT-VALUE}.")
    private List<String> queues;

    @Option(names = "--threads", paramLabel = "N", converter = RunnerBounds.Threads.class,
            description = "Tasks to run at once, 1 to " + RunnerConfig.MAX_THREADS + ". Default: the number of cores"
                    + " (${sys:scatter.cores}).")
    private Integer threads;

    @Option(names = "--lease", paramLabel = "DURATION", converter = RunnerBounds.Lease.class, defaultValue = "30s",
            description = "Lease on a claimed task, renewed every third of it; a dead runner's tasks are taken"
                    + " back after about this long. 300ms to 1h. Default: ${DEFAULT-VALUE}.")
    private Duration lease;

    @Option(names = "--drain", paramLabel = "DURATION", converter = RunnerBounds.Drain.class, defaultValue = "20s",
            description = "On shutdown, how long running tasks may take to finish before they are handed back;"
                    + " 0 to 1h. Default: ${DEFAULT-VALUE} (under Kubernetes' 30 s grace period).")
    private Duration drain;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Name in presence listings: 1 to 100 letters, digits, '_', '.', ':', '@' or '-'."
                    + " Default: host-pid.")
    private String name;

    @Option(names = "--task-timeout", paramLabel = "DURATION", converter = Bounds.TaskTimeout.class,
            defaultValue = "1h", description = "Longest a task may run, 1s to 365d. A command is killed; a task of"
                    + " another kind is interrupted and its attempt fails (if its thread will not stop, the runner"
                    + " exits 72 to be restarted). Default: ${DEFAULT-VALUE}.")
    private Duration taskTimeout;

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Directory of plug-in jars with task kinds of your own (see docs/plugins.md).")
    private Path plugins;

    @Option(names = "--http-port", paramLabel = "PORT", converter = Bounds.Port.class,
            description = "Serve /healthz, /readyz, /metrics (Prometheus) and /backlog on this port (1 to 65535)."
                    + " Default: off.")
    private Integer httpPort;

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (one readable line per event) or json (one JSON object per line). Default: ${DEFAULT-VALUE}.")
    private String logFormat;

    private final Map<String, String> env;
    private final CountDownLatch stopRequested;
    private final TaskKinds builtIn = TaskKinds.load(RunnerCommand.class.getClassLoader());

    public RunnerCommand(Map<String, String> env, CountDownLatch stopRequested) {
        this.env = env;
        this.stopRequested = stopRequested;
    }

    /** The kinds on the runner's class path, whose runner options (see TaskKind) join the command line. */
    TaskKinds builtInKinds() {
        return builtIn;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        List<String> args = spec.commandLine().getParseResult() == null ? List.of()
                : spec.commandLine().getParseResult().originalArgs();
        Secrets secrets = Secrets.of(args.toArray(String[]::new), env);
        Logging.Format format;
        try {
            format = Logging.Format.valueOf(logFormat.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("runner: --log-format must be text or json, not " + Excerpt.quote(logFormat));
            return ExitCodes.USAGE;
        }
        Logging.configure(format, Level.INFO, secrets);
        String uriText = RedisSource.resolve(redis, env).orElse(null);
        if (uriText == null) {
            err.println("runner: no Redis given: use --redis URI or set " + RedisSource.ENV);
            return ExitCodes.USAGE;
        }
        RedisUri uri;
        RunnerConfig config;
        TaskKinds kinds;
        try {
            uri = RedisUri.parse(uriText);
            queues.forEach(QueueKeys::requireValidQueueName);
            int n = threads != null ? threads
                    : Math.min(RunnerConfig.MAX_THREADS, Runtime.getRuntime().availableProcessors());
            if (name != null && !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("--name " + Excerpt.quote(name) + " is not a runner name: use 1"
                        + " to 100 letters, digits, '_', '.', ':', '@' or '-'");
            }
            String runnerName = name != null ? name : Host.name() + "-" + ProcessHandle.current().pid();
            config = RunnerConfig.defaults(runnerName, queues, n).withLease(lease).withDrainDeadline(drain)
                    .withTaskTimeout(taskTimeout);
            kinds = plugins == null ? builtIn
                    : TaskKinds.load(PluginLoader.withPlugins(plugins, RunnerCommand.class.getClassLoader()), builtIn);
            for (String kind : kinds.names()) {
                kinds.find(kind).orElseThrow().checkRunnerOptions();
            }
        } catch (InvalidRedisUriException | IllegalArgumentException e) {
            err.println("runner: " + secrets.scrub(e.getMessage()));
            return ExitCodes.USAGE;
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        AtomicReference<Runner> started = new AtomicReference<>();
        HealthServer http;
        try {
            http = httpPort == null ? null : new HealthServer(httpPort, started::get, registry);
        } catch (UncheckedIOException e) {
            err.println("runner: --http-port " + httpPort + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (http != null) {
            LOG.info("serving /healthz, /readyz, /metrics and /backlog on port {}", http.port());
        }
        try {
            Broker broker = connect(uri, config.threads());
            if (broker == null) {
                return stopRequested.getCount() == 0 ? ExitCodes.OK : ExitCodes.REDIS;
            }
            java.util.concurrent.atomic.AtomicInteger exitCode = new java.util.concurrent.atomic.AtomicInteger(ExitCodes.OK);
            try (broker) {
                Runner runner = new Runner(broker, kinds, config, new RunnerMetrics(registry))
                        .whenRestartNeeded(code -> {
                            exitCode.compareAndSet(ExitCodes.OK, code);
                            stopRequested.countDown();
                        })
                        .start();
                started.set(runner);
                stopRequested.await();
                runner.shutdown();
            }
            return exitCode.get();
        } finally {
            if (http != null) {
                http.close();
            }
        }
    }

    /**
     * Connects once Redis is healthy (answers PING), waiting with back-off for as long as it is unreachable or
     * answers with an error: still loading its data, in protected mode, out of client slots. Only Docker Compose
     * orders start-up by health; under Kubernetes, podman kube play or podman-compose the runner waits by itself.
     * Null on refused credentials or a server that is not Redis (waiting would change neither) or a stop request.
     */
    private Broker connect(RedisUri uri, int threads) throws InterruptedException {
        Backoff backoff = new Backoff();
        String lastProblem = null;
        while (stopRequested.getCount() > 0) {
            try {
                Broker broker = Broker.connect(uri, BrokerOptions.DEFAULTS.withPool(
                        Math.max(16, 8 + threads / 4), Duration.ofSeconds(5), Duration.ofSeconds(10))
                        .withMinReplicas(minReplicas));
                if (lastProblem != null) {
                    LOG.info("connected to Redis at {}", uri.address());
                }
                return broker;
            } catch (BrokerAuthException | WrongServerException e) {
                // Waiting would not help: the URI or the server must change.
                LOG.error("{}", e.getMessage());
                return null;
            } catch (BrokerException e) {
                // One line per kind of problem, not per try: a new one (unknown host, then protected mode) is news.
                if (!Objects.equals(e.getMessage(), lastProblem)) {
                    LOG.warn("{}; waiting for it with back-off", e.getMessage());
                    lastProblem = e.getMessage();
                }
                Thread.sleep(backoff.nextMillis());
            }
        }
        return null;
    }
}
