package dev.scatter.runner;

import dev.scatter.broker.QueueBacklog;
import dev.scatter.broker.ReturnCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What a runner counts, for /metrics: tasks claimed, completed, failed, retried, quarantined and recovered,
 * leases renewed, tasks in flight, how long tasks take, and the backlog of the queues it serves.
 */
public final class RunnerMetrics {

    private final MeterRegistry registry;
    private final Counter claimed;
    private final Counter completed;
    private final Counter failed;
    private final Counter retried;
    private final Counter quarantined;
    private final Counter recovered;
    private final Counter renewals;
    private final Timer duration;
    private final Map<String, QueueGauges> backlog = new ConcurrentHashMap<>();

    /** Backlog figures of one queue, as last read. */
    private record QueueGauges(AtomicLong ready, AtomicLong delayed, AtomicLong inFlight, AtomicLong outstanding) {
    }

    public RunnerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.claimed = Counter.builder("scatter.tasks.claimed").description("Tasks claimed").register(registry);
        this.completed = Counter.builder("scatter.tasks.completed").description("Tasks completed and reported")
                .register(registry);
        this.failed = Counter.builder("scatter.tasks.failed").description("Attempts that failed").register(registry);
        this.retried = Counter.builder("scatter.tasks.retried").description("Failed attempts scheduled again")
                .register(registry);
        this.quarantined = Counter.builder("scatter.tasks.quarantined")
                .description("Tasks quarantined in the dead set").register(registry);
        this.recovered = Counter.builder("scatter.leases.recovered")
                .description("Expired leases (of any runner) recovered by this one").register(registry);
        this.renewals = Counter.builder("scatter.leases.renewed").description("Leases renewed").register(registry);
        this.duration = Timer.builder("scatter.task.duration").description("Time to run one task")
                .publishPercentileHistogram().register(registry);
    }

    /** Metrics kept in memory only (a runner without --http-port, or in tests). */
    public static RunnerMetrics inMemory() {
        return new RunnerMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    void inFlight(Supplier<Number> held) {
        Gauge.builder("scatter.tasks.in.flight", held).description("Tasks held: running or about to").register(registry);
    }

    void claimed(int n) {
        claimed.increment(n);
    }

    void ran(long nanos) {
        duration.record(Duration.ofNanos(nanos));
    }

    void completed(List<ReturnCode> codes) {
        for (ReturnCode code : codes) {
            if (code == ReturnCode.DEAD) {
                quarantined.increment();
            } else {
                completed.increment();
            }
        }
    }

    void failed(List<ReturnCode> codes) {
        failed.increment(codes.size());
        for (ReturnCode code : codes) {
            if (code == ReturnCode.RETRY_SCHEDULED) {
                retried.increment();
            } else if (code == ReturnCode.DEAD) {
                quarantined.increment();
            }
        }
    }

    void recovered(int n) {
        recovered.increment(n);
    }

    void renewed(int n) {
        renewals.increment(n);
    }

    void backlog(QueueBacklog b) {
        QueueGauges g = backlog.computeIfAbsent(b.queue(), q -> register(q));
        g.ready().set(b.ready());
        g.delayed().set(b.delayed());
        g.inFlight().set(b.inFlight());
        g.outstanding().set(b.outstanding());
    }

    private QueueGauges register(String queue) {
        QueueGauges g = new QueueGauges(new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong());
        gauge(queue, "ready", g.ready());
        gauge(queue, "delayed", g.delayed());
        gauge(queue, "in_flight", g.inFlight());
        Gauge.builder("scatter.queue.outstanding", g.outstanding(), AtomicLong::get)
                .description("Tasks of active jobs not yet done (ready, delayed or in flight): what an autoscaler"
                        + " should read")
                .tag("queue", queue).register(registry);
        return g;
    }

    private void gauge(String queue, String state, AtomicLong value) {
        Gauge.builder("scatter.queue.backlog", value, AtomicLong::get).description("Tasks of a queue by state")
                .tag("queue", queue).tag("state", state).register(registry);
    }
}
