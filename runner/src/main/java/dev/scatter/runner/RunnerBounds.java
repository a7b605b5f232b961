package dev.scatter.runner;

import dev.scatter.cli.CountConverter;
import dev.scatter.cli.DurationConverter;
import java.time.Duration;

/** The converters of a runner's bounded options, from the bounds RunnerConfig enforces (see Bounds). */
public final class RunnerBounds {

    private RunnerBounds() {
    }

    /** runner --threads, submit --local. */
    public static final class Threads extends CountConverter.Bounded {
        public Threads() {
            super(1, RunnerConfig.MAX_THREADS);
        }
    }

    /** runner --lease. */
    public static final class Lease extends DurationConverter.Bounded {
        public Lease() {
            super(RunnerConfig.MIN_LEASE, RunnerConfig.MAX_LEASE);
        }
    }

    /** runner --drain. */
    public static final class Drain extends DurationConverter.Bounded {
        public Drain() {
            super(Duration.ZERO, RunnerConfig.MAX_DRAIN);
        }
    }
}
