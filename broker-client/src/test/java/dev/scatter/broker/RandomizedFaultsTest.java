package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scatter.broker.testing.QueueClock;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Plays thousands of tasks through simulated runners that claim, complete (some twice), fail, die while
 * holding leases, come back, complete late what they held before they died, release on shutdown, and recover
 * each other's expired leases, in a random order with a clock that jumps. Every job must end succeeded with
 * each task counted exactly once and the reduce's result counted once and right.
 *
 * <p>The interleaving is at the granularity of script calls, which is the unit of atomicity. The seed is in
 * every assertion message; rerun with {@code -Dscatter.chaos.seed=N} to replay a failure.
 */
@Tag("protocol")
@ExtendWith(RealRedis.class)
class RandomizedFaultsTest {

    private static final Duration LEASE = Duration.ofSeconds(30);

    private final QueueClock clock = new QueueClock();

    /** A simulated runner: what it holds now, and what it held when it last died. */
    private static final class SimRunner {
        final List<ClaimedTask> held = new ArrayList<>();
        final List<ClaimedTask> heldBeforeDeath = new ArrayList<>();
        boolean dead;
    }

    @Test
    void everyTaskIsCountedExactlyOnceWhateverTheFaults(RedisFixture redis) {
        long seed = Long.getLong("scatter.chaos.seed", System.nanoTime());
        Random random = new Random(seed);
        String because = "seed " + seed;
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            Map<JobId, Integer> jobs = new HashMap<>();
            int totalTasks = 0;
            for (int j = 0; j < 8; j++) {
                int tasks = 200 + random.nextInt(600);
                totalTasks += tasks;
                jobs.put(broker.submit(Brokers.noop(redis, tasks).withMaxAttempts(1000)), tasks);
            }
            Map<String, Integer> counted = new HashMap<>();
            long[] duplicates = {0};
            List<SimRunner> runners = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                runners.add(new SimRunner());
            }

            int steps = 0;
            while (!allEnded(broker, jobs) && steps < 200_000) {
                steps++;
                SimRunner runner = runners.get(random.nextInt(runners.size()));
                if (runner.dead) {
                    if (random.nextInt(10) == 0) {
                        runner.dead = false;
                    } else if (!runner.heldBeforeDeath.isEmpty() && random.nextInt(4) == 0) {
                        // A runner presumed dead was only partitioned: its results arrive late.
                        complete(queue, broker, takeSome(runner.heldBeforeDeath, random), counted, duplicates, random);
                    }
                    continue;
                }
                int action = random.nextInt(100);
                if (action < 30) {
                    runner.held.addAll(queue.claim(1 + random.nextInt(60), LEASE, "noop"));
                } else if (action < 60) {
                    complete(queue, broker, takeSome(runner.held, random), counted, duplicates, random);
                } else if (action < 65) {
                    List<TaskFailure> failures = new ArrayList<>();
                    for (ClaimedTask t : takeSome(runner.held, random)) {
                        failures.add(TaskFailure.retryable(t, "simulated error"));
                    }
                    queue.fail(failures);
                } else if (action < 75) {
                    runner.held.removeIf(t -> queue.renew(List.of(t), LEASE).contains(t.leaseId()));
                } else if (action < 78) {
                    runner.dead = true;
                    runner.heldBeforeDeath.addAll(runner.held);
                    runner.held.clear();
                } else if (action < 80) {
                    queue.release(runner.held);
                    runner.held.clear();
                } else if (action < 90) {
                    queue.recover(1 + random.nextInt(200));
                } else {
                    clock.advance(Duration.ofSeconds(random.nextInt(20)));
                }
            }

            assertThat(steps).as(because + ": the simulation ends").isLessThan(200_000);
            long recovered = 0;
            long retries = 0;
            for (Map.Entry<JobId, Integer> job : jobs.entrySet()) {
                JobId id = job.getKey();
                int tasks = job.getValue();
                JobStatus status = broker.status(id).orElseThrow();
                recovered += status.recovered();
                retries += status.retries();
                assertThat(status.state()).as(because).isEqualTo(JobState.SUCCEEDED);
                assertThat(status.succeeded()).as(because).isEqualTo(tasks);
                assertThat(status.failed()).as(because).isZero();
                long expectedSum = 0;
                for (int i = 0; i < tasks; i++) {
                    expectedSum += resultOf(i);
                    assertThat(counted.get(id.id() + ":" + i)).as(because + ": task %s#%d counted", id, i).isEqualTo(1);
                }
                assertThat(counted.get(id.id() + ":r")).as(because + ": reduce of %s counted", id).isEqualTo(1);
                assertThat(status.result()).as(because).isEqualTo("{\"sum\":" + expectedSum + ",\"tasks\":" + tasks + "}");
            }
            assertThat(totalTasks).isGreaterThan(1500);
            // The faults did happen: leases expired and were recovered, attempts failed, completions repeated.
            assertThat(recovered).as(because).isPositive();
            assertThat(retries).as(because).isPositive();
            assertThat(duplicates[0]).as(because).isPositive();
        }
    }

    private static int resultOf(int index) {
        return (index * 31 + 7) % 1000;
    }

    /** Completes the tasks (the reduce sums the partial results); sometimes sends a completion twice. */
    private static void complete(TaskQueue queue, Broker broker, List<ClaimedTask> tasks, Map<String, Integer> counted,
                                 long[] duplicates, Random random) {
        List<TaskCompletion> completions = new ArrayList<>();
        for (ClaimedTask t : tasks) {
            TaskCompletion c = t.isReduce() ? reduce(broker, t) : new TaskCompletion(t, Integer.toString(resultOf(t.index())));
            completions.add(c);
            if (random.nextInt(5) == 0) {
                completions.add(c);
            }
        }
        List<ReturnCode> codes = queue.complete(completions);
        for (int i = 0; i < codes.size(); i++) {
            if (codes.get(i) == ReturnCode.DUPLICATE) {
                duplicates[0]++;
            }
            if (codes.get(i) == ReturnCode.COUNTED) {
                ClaimedTask t = completions.get(i).task();
                counted.merge(t.job().id() + ":" + (t.isReduce() ? "r" : Integer.toString(t.index())), 1, Integer::sum);
            }
        }
    }

    private static TaskCompletion reduce(Broker broker, ClaimedTask t) {
        Map<Integer, String> partials = broker.partialResults(t.job());
        long sum = partials.values().stream().mapToLong(Long::parseLong).sum();
        return new TaskCompletion(t, "{\"sum\":" + sum + ",\"tasks\":" + partials.size() + "}");
    }

    private static List<ClaimedTask> takeSome(List<ClaimedTask> from, Random random) {
        List<ClaimedTask> taken = new ArrayList<>();
        int n = from.isEmpty() ? 0 : 1 + random.nextInt(from.size());
        for (int i = 0; i < n; i++) {
            taken.add(from.remove(random.nextInt(from.size())));
        }
        return taken;
    }

    private static boolean allEnded(Broker broker, Map<JobId, Integer> jobs) {
        return jobs.keySet().stream().allMatch(id -> broker.status(id).orElseThrow().state().isTerminal());
    }
}
