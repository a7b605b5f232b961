package dev.scatter.chaos;

import dev.scatter.broker.BrokerException;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobSpec;
import java.time.Duration;
import java.util.Optional;

/**
 * Measures when Scatter serves work again after a fault: a runner like the others, on a queue of its own that
 * only it serves, so that it is idle; a one-task job submitted there the moment the fault ends is done once
 * that runner is back at work (its reconnection, back-off and claim included). Tasks of the job under test can
 * last far longer than the recovery, so its own progress would measure them instead.
 */
final class Probe {

    private final Lab lab;
    private final String queue;

    private Probe(Lab lab) {
        this.lab = lab;
        this.queue = lab.queue() + "-probe";
    }

    /** Starts the probe's runner. */
    static Probe start(Lab lab, Duration lease) {
        Probe probe = new Probe(lab);
        lab.fleet().add("probe", lab.launch(lease).withQueue(probe.queue));
        return probe;
    }

    /** Submits a one-task job (retrying while Redis refuses) and returns how long until it succeeded. */
    Optional<Duration> timeToServe(Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        JobId id = null;
        while (id == null && System.nanoTime() - deadline < 0) {
            try {
                id = lab.broker().submit(JobSpec.of("noop", "{}", 1).withQueue(queue));
            } catch (BrokerException refused) {
                Pause.millis(50);
            }
        }
        if (id == null) {
            return Optional.empty();
        }
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        return new JobWatch(lab.broker(), id).until(s -> s.state().isTerminal(), left)
                .map(s -> Duration.ofNanos(System.nanoTime() - start));
    }
}
