package dev.scatter.runner;

import dev.scatter.broker.Broker;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobSpec;
import dev.scatter.broker.JobStatus;
import dev.scatter.kinds.pi.PiSampler;
import java.time.Duration;

/** Pi jobs for tests, and the count a fault-free run gives, computed here without any queue. */
final class PiJobs {

    private PiJobs() {
    }

    static JobId submit(Broker broker, String queue, long samples, int tasks, long seed) {
        return broker.submit(JobSpec.of("pi", "{\"samples\":" + samples + ",\"seed\":" + seed + "}", tasks)
                .withQueue(queue).withMaxAttempts(10));
    }

    /** What every task of a fault-free run counts, added up. */
    static long expectedInside(long samples, int tasks, long seed) {
        long inside = 0;
        for (int i = 0; i < tasks; i++) {
            inside += PiSampler.countInside(PiSampler.taskSeed(seed, i), PiSampler.samplesOf(samples, tasks, i), null);
        }
        return inside;
    }

    static long inside(JobStatus status) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(status.result()).path("inside").asLong();
    }

    static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
