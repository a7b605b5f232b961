package dev.scatter.runner;

import dev.scatter.broker.Broker;
import dev.scatter.broker.ChannelSubscription;
import dev.scatter.broker.QueueBacklog;
import dev.scatter.task.TaskKinds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A runner: claims tasks from its queues, runs them on a pool of threads, renews their leases while they run,
 * reports results, recovers what dead runners left, and records its presence.
 *
 * <p>Its parts, each a small class: {@link Dispatcher} (claim loop), {@link TaskRunner} (one task on a worker
 * thread), {@link Settler} (batched reporting), {@link LeaseKeeper} (heartbeat renewal), {@link SelfFence}
 * (stops what it can no longer renew), {@link Reaper} (recovery), {@link PresenceBeacon}, {@link ExitWatch}.
 * Shutdown has two phases: quiet (stop claiming, hand back tasks not yet started), then drain (running tasks may
 * finish until the drain deadline; the rest are stopped and handed back at once, so other runners take them
 * without waiting for their leases to expire).
 */
public final class Runner {

    private static final Logger LOG = LoggerFactory.getLogger(Runner.class);
    /** How long a task told to stop at its timeout has to do so. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Broker broker;
    private final TaskKinds kinds;
    private final RunnerConfig config;
    private final Holdings holdings = new Holdings();
    private final TaskDurations durations = new TaskDurations();
    private final WakeSignal wake = new WakeSignal();
    private final OutageLog outage;
    private final Settler settler;
    private final ThreadPoolExecutor workers;
    private final Dispatcher dispatcher;
    private final PresenceBeacon presence;
    private final RunnerMetrics metrics;
    private final BacklogProbe backlog;
    private final List<String> runnable;
    private final LeaseKeeper leases;
    private final ExitWatch exitWatch;
    private final Periodic renewal;
    private final List<Periodic> housekeeping = new ArrayList<>();
    private Thread dispatcherThread;
    private Thread settlerThread;
    private ChannelSubscription wakeUps;
    private volatile boolean draining;
    private volatile boolean stopped;
    private volatile IntConsumer restartNeeded = code -> LOG.error("the runner should be restarted (exit code {})", code);
    private volatile long lastProbe;
    private volatile String probeProblem;

    public Runner(Broker broker, TaskKinds kinds, RunnerConfig config) {
        this(broker, kinds, config, RunnerMetrics.inMemory());
    }

    public Runner(Broker broker, TaskKinds kinds, RunnerConfig config, RunnerMetrics metrics) {
        this.broker = broker;
        this.metrics = metrics;
        this.kinds = kinds;
        this.config = config;
        this.runnable = kinds.names().stream()
                .filter(name -> kinds.find(name).orElseThrow().isEnabled()).toList();
        this.outage = new OutageLog(broker.uri().address(), broker::memoryReport, this::renewNow,
                broker.uri().topology() == dev.scatter.broker.RedisUri.Topology.CLUSTER);
        this.settler = new Settler(broker, holdings, outage, metrics, config.name());
        AtomicInteger threadNumber = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(config.threads(), config.threads(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "scatter-worker-" + threadNumber.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        TaskRunner taskRunner = new TaskRunner(broker, kinds, settler, holdings, durations, config.name(),
                config.taskTimeout(), metrics);
        ServedQueues served = new ServedQueues(broker, config.queues());
        this.dispatcher = new Dispatcher(broker, config, served, holdings, durations, workers, taskRunner, wake, outage,
                metrics, runnable);
        metrics.inFlight(holdings::size);
        this.presence = new PresenceBeacon(broker, config, holdings, outage, runnable.stream()
                .map(name -> name + "@" + kinds.find(name).orElseThrow().version()).toList());
        this.leases = new LeaseKeeper(broker, config, holdings, outage, metrics);
        SelfFence fence = new SelfFence(holdings, config.lease());
        Reaper reaper = new Reaper(broker, served, outage, metrics, leases);
        this.backlog = new BacklogProbe(broker, config, metrics, outage);
        this.exitWatch = new ExitWatch(broker, holdings, settler, () -> stopped);
        this.renewal = new Periodic("scatter-leases", leases.intervalMillis(), leases.retryMillis(), leases::renewAll);
        housekeeping.add(renewal);
        housekeeping.add(new Periodic("scatter-fence", fence.intervalMillis(), fence::check));
        Watchdog watchdog = new Watchdog(holdings, settler, config.taskTimeout(), STOP_GRACE,
                code -> restartNeeded.accept(code));
        housekeeping.add(new Periodic("scatter-watchdog", 1_000, watchdog::check));
        housekeeping.add(new Periodic("scatter-recovery", config.recoverInterval().toMillis(), reaper::recoverAll));
        housekeeping.add(new Periodic("scatter-presence", config.heartbeat().toMillis(), presence::beat));
        housekeeping.add(new Periodic("scatter-backlog", 2_000, backlog::probe));
        housekeeping.add(new Periodic("scatter-shards", 1_000, served::refresh));
    }

    public synchronized Runner start() {
        exitWatch.install();
        settlerThread = new Thread(settler, "scatter-settler");
        settlerThread.setDaemon(true);
        settlerThread.start();
        wakeUps = broker.onWork(config.queues(), wake::signal, wake::signal);
        dispatcherThread = new Thread(dispatcher, "scatter-dispatcher");
        dispatcherThread.setDaemon(true);
        dispatcherThread.start();
        housekeeping.forEach(Periodic::start);
        LOG.info("runner {} started: queues {}, {} threads, lease {} s, kinds {}", config.name(),
                String.join(",", config.queues()), config.threads(), config.lease().toMillis() / 1000.0,
                String.join(",", runnable));
        return this;
    }

    /** Once Redis is heard from after an outage: renew every lease at once, before anyone may judge them. */
    private void renewNow() {
        if (renewal != null) {
            renewal.wake();
        }
    }

    /**
     * What to do when the runner cannot go on as it is (a task's thread would not stop): the handler is given the
     * exit code to leave with, and should shut the runner down so that its supervisor starts a new one.
     */
    public Runner whenRestartNeeded(IntConsumer handler) {
        this.restartNeeded = handler;
        return this;
    }

    public String name() {
        return config.name();
    }

    /** Tasks held: running or waiting for a thread. */
    public int held() {
        return holdings.size();
    }

    /** False once shutdown has begun: the runner no longer takes work. */
    public boolean isAcceptingWork() {
        return !draining;
    }

    /** The backlog of the queues served, as read at most a few seconds ago. */
    public Map<String, QueueBacklog> backlog() {
        return backlog.latest();
    }

    public RunnerMetrics metrics() {
        return metrics;
    }

    /**
     * Whether Redis takes this runner's calls: a round trip made now (at most once a second, however often it is
     * asked), and no call of the runner's failing meanwhile. Empty when it does; else why not.
     */
    public java.util.Optional<String> redisProblem() {
        long now = System.nanoTime();
        if (now - lastProbe > 1_000_000_000L || probeProblem == null) {
            String problem;
            try {
                broker.ping();
                problem = "";
            } catch (dev.scatter.broker.BrokerException e) {
                problem = "redis unavailable";
            }
            probeProblem = problem;
            lastProbe = now;
        }
        if (!probeProblem.isEmpty()) {
            return java.util.Optional.of(probeProblem);
        }
        if (outage.isDown()) {
            return java.util.Optional.of(outage.condition() == dev.scatter.broker.BrokerUnavailableException.Condition
                    .OUT_OF_MEMORY ? "redis out of memory" : "redis unavailable");
        }
        return java.util.Optional.empty();
    }

    /** Two-phase shutdown; returns when the runner has stopped. Safe to call more than once. */
    public synchronized void shutdown() {
        if (stopped) {
            return;
        }
        draining = true;
        long started = System.nanoTime();
        LOG.info("runner {} stopping: no new tasks; {} running may finish within {} s", config.name(),
                holdings.size(), config.drainDeadline().toMillis() / 1000.0);
        dispatcher.quiet();
        join(dispatcherThread, config.lease().toMillis());

        int notStarted = 0;
        for (Work work : holdings.all()) {
            if (work.take()) {
                work.stopAndHandBack("shutdown", false);
                settler.release(work);
                notStarted++;
            }
        }
        if (notStarted > 0) {
            LOG.info("handing back {} tasks not started", notStarted);
        }

        workers.shutdown();
        boolean drained = awaitWorkers(config.drainDeadline());
        if (!drained) {
            int running = 0;
            for (Work work : holdings.all()) {
                if (work.isRunning()) {
                    work.stopAndHandBack("shutdown: past the drain deadline", false);
                    running++;
                }
            }
            LOG.info("handing back {} tasks still running at the drain deadline", running);
            workers.shutdownNow();
            awaitWorkers(Duration.ofSeconds(2));
            for (Work work : holdings.all()) {
                // A thread deaf to the stop: the process exits in a moment and takes it along, so hand it back now.
                if (work.isRunning() && settler.release(work)) {
                    LOG.warn("task {} did not stop when told to; handed back all the same", work.task.describe());
                }
            }
        }

        settler.stop(System.nanoTime() + Duration.ofSeconds(5).toNanos());
        // Wakes it from its idle poll; an interrupt cannot cut a Redis call short (blocking sockets ignore it).
        settlerThread.interrupt();
        join(settlerThread, 10_000);
        stopped = true;
        exitWatch.uninstall();
        housekeeping.forEach(Periodic::stop);
        if (wakeUps != null) {
            wakeUps.close();
        }
        presence.leave();
        LOG.info("runner {} stopped after {} s", config.name(),
                Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
    }

    private boolean awaitWorkers(Duration timeout) {
        try {
            return workers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void join(Thread thread, long millis) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
