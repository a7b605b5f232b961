package dev.scatter.runner;

import dev.scatter.broker.Broker;
import dev.scatter.broker.BrokerUnavailableException;
import dev.scatter.broker.ChannelSubscription;
import dev.scatter.broker.ClaimedTask;
import dev.scatter.broker.QueueBacklog;
import dev.scatter.task.TaskKinds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A runner: claims tasks from its queues, runs them on a pool of threads, renews their leases while they run,
 * reports results, recovers what dead runners left, and records its presence.
 *
 * <p>Its parts, each a small class: {@link Dispatcher} (claim loop), {@link TaskRunner} (one task on a worker
 * thread), {@link Settler} (batched reporting), {@link LeaseKeeper} (heartbeat renewal), {@link Reaper}
 * (recovery), {@link PresenceBeacon}. Shutdown has two phases: quiet (stop claiming, hand back tasks not yet
 * started), then drain (running tasks may finish until the drain deadline; the rest are stopped and handed back
 * at once, so other runners take them without waiting for their leases to expire).
 */
public final class Runner {

    private static final Logger LOG = LoggerFactory.getLogger(Runner.class);

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
    private final List<Periodic> housekeeping = new ArrayList<>();
    private Thread dispatcherThread;
    private Thread settlerThread;
    private ChannelSubscription wakeUps;
    private volatile boolean draining;
    private boolean stopped;

    public Runner(Broker broker, TaskKinds kinds, RunnerConfig config) {
        this(broker, kinds, config, RunnerMetrics.inMemory());
    }

    public Runner(Broker broker, TaskKinds kinds, RunnerConfig config, RunnerMetrics metrics) {
        this.broker = broker;
        this.metrics = metrics;
        this.kinds = kinds;
        this.config = config;
        this.outage = new OutageLog(broker.uri().address());
        this.settler = new Settler(broker, outage, metrics);
        AtomicInteger threadNumber = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(config.threads(), config.threads(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "scatter-worker-" + threadNumber.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        TaskRunner taskRunner = new TaskRunner(broker, kinds, settler, holdings, durations, config.name(),
                config.settings(), metrics);
        this.dispatcher = new Dispatcher(broker, config, holdings, durations, workers, taskRunner, wake, outage,
                metrics);
        metrics.inFlight(holdings::size);
        this.presence = new PresenceBeacon(broker, config, holdings, outage);
        LeaseKeeper leases = new LeaseKeeper(broker, config, holdings, outage, metrics);
        Reaper reaper = new Reaper(broker, config, outage, metrics);
        this.backlog = new BacklogProbe(broker, config, metrics, outage);
        housekeeping.add(new Periodic("scatter-leases", leases.intervalMillis(), leases::renewAll));
        housekeeping.add(new Periodic("scatter-recovery", config.recoverInterval().toMillis(), reaper::recoverAll));
        housekeeping.add(new Periodic("scatter-presence", config.heartbeat().toMillis(), presence::beat));
        housekeeping.add(new Periodic("scatter-backlog", 2_000, backlog::probe));
    }

    public synchronized Runner start() {
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
                String.join(",", kinds.names()));
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

    /** Whether Redis answered the runner's last call. */
    public boolean isRedisReachable() {
        return !outage.isDown();
    }

    /** Two-phase shutdown; returns when the runner has stopped. Safe to call more than once. */
    public synchronized void shutdown() {
        if (stopped) {
            return;
        }
        stopped = true;
        draining = true;
        long started = System.nanoTime();
        LOG.info("runner {} stopping: no new tasks; {} running may finish within {} s", config.name(),
                holdings.size(), config.drainDeadline().toMillis() / 1000.0);
        dispatcher.quiet();
        join(dispatcherThread, config.lease().toMillis());

        List<ClaimedTask> notStarted = new ArrayList<>();
        for (Work work : holdings.all()) {
            if (!work.isRunning()) {
                work.stop.set("shutdown");
                holdings.remove(work);
                notStarted.add(work.task);
            }
        }
        release(notStarted, "not started");

        workers.shutdown();
        boolean drained = awaitWorkers(config.drainDeadline());
        if (!drained) {
            List<ClaimedTask> running = new ArrayList<>();
            for (Work work : holdings.all()) {
                work.stop.set("shutdown: past the drain deadline");
                Thread thread = work.thread;
                if (thread != null) {
                    thread.interrupt();
                }
                holdings.remove(work);
                running.add(work.task);
            }
            release(running, "still running at the drain deadline");
            workers.shutdownNow();
            awaitWorkers(Duration.ofSeconds(2));
        }

        settler.stop(System.nanoTime() + Duration.ofSeconds(5).toNanos());
        // Wakes it from its idle poll; an interrupt cannot cut a Redis call short (blocking sockets ignore it).
        settlerThread.interrupt();
        join(settlerThread, 10_000);
        housekeeping.forEach(Periodic::stop);
        if (wakeUps != null) {
            wakeUps.close();
        }
        presence.leave();
        LOG.info("runner {} stopped after {} s", config.name(),
                Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
    }

    private void release(List<ClaimedTask> tasks, String why) {
        if (tasks.isEmpty()) {
            return;
        }
        Map<String, List<ClaimedTask>> byQueue = new LinkedHashMap<>();
        for (ClaimedTask task : tasks) {
            byQueue.computeIfAbsent(task.job().queue(), q -> new ArrayList<>()).add(task);
        }
        try {
            for (Map.Entry<String, List<ClaimedTask>> e : byQueue.entrySet()) {
                broker.queue(e.getKey()).release(e.getValue());
            }
            LOG.info("handed back {} tasks ({})", tasks.size(), why);
        } catch (BrokerUnavailableException e) {
            LOG.warn("cannot hand back {} tasks ({}): {}; their leases will expire and other runners will run them",
                    tasks.size(), why, e.getMessage());
        }
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
