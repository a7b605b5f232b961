package dev.scatter.cli;

import dev.scatter.broker.BrokerOptions;
import dev.scatter.broker.Excerpt;
import dev.scatter.broker.QueueKeys;
import dev.scatter.broker.JobSpec;
import java.time.Duration;

/**
 * The converters of options with bounds, one per bound, taken from where the bound is enforced (JobSpec,
 * BrokerOptions; the runner's own are RunnerBounds, by RunnerConfig) so that the command line refuses, naming the option, what would fail later. picocli
 * builds each from its no-argument constructor.
 */
public final class Bounds {

    /** The longest an external command may run (runner --task-timeout, submit cmd --task-timeout). */
    public static final Duration MAX_TASK_TIMEOUT = Duration.ofDays(365);
    /** Jobs that `submit jobs` lists at most: each is one read of its record. */
    public static final int MAX_LIST = 1_000;

    private Bounds() {
    }

    /** --queue: a name a queue's keys can be built from. */
    public static final class Queue implements picocli.CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!QueueKeys.QUEUE_NAME.matcher(value).matches()) {
                throw new picocli.CommandLine.TypeConversionException("must be 1 to 64 letters, digits, '_', '.' or"
                        + " '-', not " + Excerpt.quote(value));
            }
            return value;
        }
    }

    /** --task-timeout: whole seconds, as command sweeps store it. */
    public static final class TaskTimeout extends DurationConverter.Bounded {
        public TaskTimeout() {
            super(Duration.ofSeconds(1), MAX_TASK_TIMEOUT);
        }
    }

    /** runner --http-port. */
    public static final class Port extends CountConverter.Bounded {
        public Port() {
            super(1, 65_535);
        }
    }

    /** submit --ttl. */
    public static final class Ttl extends DurationConverter.Bounded {
        public Ttl() {
            super(Duration.ofSeconds(1), JobSpec.MAX_RESULT_TTL);
        }
    }

    /** submit --max-attempts. */
    public static final class Attempts extends CountConverter.Bounded {
        public Attempts() {
            super(1, JobSpec.MAX_ATTEMPTS_LIMIT);
        }
    }

    /** submit --max-recoveries: 0 quarantines a task the first time its runner is lost. */
    public static final class Recoveries extends CountConverter.Bounded {
        public Recoveries() {
            super(0, JobSpec.MAX_ATTEMPTS_LIMIT);
        }
    }

    /**
     * submit --tasks: up to 16 shards' worth ({@link #SHARDED_TASKS}); a job of more than one shard's cap is split
     * over shards. Beyond, the one reduce would hold too many partial results in memory.
     */
    public static final class Tasks extends CountConverter.Bounded {
        public Tasks() {
            super(1, SHARDED_TASKS);
        }
    }

    /** The most tasks a job submitted from the command line may have: 16 shards of the per-job cap. */
    public static final int SHARDED_TASKS = 16 * BrokerOptions.DEFAULTS.maxTasksPerJob();

    /** submit --shards. */
    public static final class Shards extends CountConverter.Bounded {
        public Shards() {
            super(1, dev.scatter.broker.ShardQueues.MAX_SHARDS);
        }
    }

    /** submit jobs --limit. */
    public static final class Listed extends CountConverter.Bounded {
        public Listed() {
            super(1, MAX_LIST);
        }
    }

    /** runner and submit --min-replicas: replicas that must have each write before it counts (Redis WAIT). */
    public static final class Replicas extends CountConverter.Bounded {
        public Replicas() {
            super(0, 16);
        }
    }
}
