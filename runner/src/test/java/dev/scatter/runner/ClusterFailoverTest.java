package dev.scatter.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scatter.broker.Broker;
import dev.scatter.broker.ClaimedTask;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobState;
import dev.scatter.broker.JobStatus;
import dev.scatter.broker.testing.ClusterRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runners on a real Redis Cluster (three masters, a replica each), serving queues whose slots live on different
 * masters, and a job split over three shards, one on each master. Mid-job one queue's slot is moved to another
 * master and another queue's master (which holds a shard too) is SIGKILLed so that its replica takes over: the
 * runners follow both without a restart, and every pi count of a fixed seed, the sharded job's included, comes
 * out exactly as in a fault-free run.
 */
@Tag("ha")
class ClusterFailoverTest {

    private static final long SEED = 20261130;

    @Test
    void jobsOnEveryMasterOutliveASlotMoveAndAFailover() throws Exception {
        long samples = 600_000_000L;
        int tasks = 40;
        long expected = PiJobs.expectedInside(samples, tasks, SEED);
        try (ClusterRedis cluster = new ClusterRedis();
             Broker broker = Broker.connect(cluster.uri())) {
            List<String> queues = new ArrayList<>();
            Set<Integer> masters = new HashSet<>();
            for (int i = 0; queues.size() < 3; i++) {
                if (masters.add(cluster.masterOf(ClusterRedis.slotOf("pi" + i)))) {
                    queues.add("pi" + i);
                }
            }
            String[] args = {"--queue", String.join(",", queues) + ",sharded", "--threads", "2", "--lease", "3s"};
            try (RunnerProcess a = RunnerProcess.start(cluster.uri(), with(args, "--name", "a"));
                 RunnerProcess b = RunnerProcess.start(cluster.uri(), with(args, "--name", "b"))) {
                List<JobId> jobs = new ArrayList<>();
                for (String queue : queues) {
                    jobs.add(PiJobs.submit(broker, queue, samples, tasks, SEED));
                }
                jobs.add(broker.submit(dev.scatter.broker.JobSpec.of("pi", "{\"samples\":" + samples + ",\"seed\":"
                        + SEED + "}", tasks).withQueue("sharded").withShards(3).withMaxAttempts(10)));
                assertThat(dev.scatter.broker.ShardQueues.names("sharded", 3).stream()
                        .map(q -> cluster.masterOf(ClusterRedis.slotOf(q))).distinct()).as("a shard on every master")
                        .hasSize(3);
                await().atMost(Duration.ofSeconds(60)).until(() -> jobs.stream()
                        .allMatch(id -> broker.status(id).orElseThrow().succeeded() >= 3));

                int moved = cluster.moveSlot(ClusterRedis.slotOf(queues.get(0)));
                int promoted = cluster.killMasterOf(ClusterRedis.slotOf(queues.get(1)));
                assertThat(moved).isPositive();
                assertThat(promoted).isPositive();

                for (JobId id : jobs) {
                    try {
                        await().atMost(Duration.ofMinutes(3)).ignoreExceptions()
                                .until(() -> broker.status(id).orElseThrow().state().isTerminal());
                    } catch (ConditionTimeoutException e) {
                        throw new AssertionError(id + " did not end; the cluster now:\n" + cluster.describe(), e);
                    }
                    JobStatus status = broker.status(id).orElseThrow();
                    assertThat(status.state()).as(a.log()).isEqualTo(JobState.SUCCEEDED);
                    assertThat(PiJobs.inside(status)).as(id.toString()).isEqualTo(expected);
                    assertThat(status.succeeded()).isEqualTo(tasks);
                }
                assertThat(a.isAlive()).isTrue();
                assertThat(b.isAlive()).isTrue();
            }
        }
    }

    /**
     * A runner serves two queues on different masters; one queue's master and replica both die, with tasks of
     * that queue in hand. The other queue's job goes on as if nothing happened: claimed, renewed and settled
     * without waiting for the dead node (no lease of it is lost), and the dead queue's job finishes, exact, once
     * its node is back.
     */
    @Test
    void aDeadNodeDoesNotStallTheQueuesOnOtherNodes() throws Exception {
        long samples = 600_000_000L;
        int tasks = 30;
        long expected = PiJobs.expectedInside(samples, tasks, SEED);
        try (ClusterRedis cluster = new ClusterRedis();
             Broker broker = Broker.connect(cluster.uri())) {
            List<String> queues = new ArrayList<>();
            Set<Integer> masters = new HashSet<>();
            for (int i = 0; queues.size() < 2; i++) {
                if (masters.add(cluster.masterOf(ClusterRedis.slotOf("lone" + i)))) {
                    queues.add("lone" + i);
                }
            }
            try (RunnerProcess runner = RunnerProcess.start(cluster.uri(), "--queue", String.join(",", queues),
                    "--threads", "2", "--lease", "6s", "--name", "lone")) {
                JobId dying = PiJobs.submit(broker, queues.get(0), samples * 8, tasks, SEED);
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> broker.queue(queues.get(0)).backlog().inFlight() >= 2);

                Runnable restart = cluster.killShardOf(ClusterRedis.slotOf(queues.get(0)));
                JobId living = PiJobs.submit(broker, queues.get(1), samples, tasks, SEED);
                await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                        .until(() -> broker.status(living).orElseThrow().state().isTerminal());
                JobStatus status = broker.status(living).orElseThrow();
                assertThat(status.state()).as(runner.log()).isEqualTo(JobState.SUCCEEDED);
                assertThat(PiJobs.inside(status)).isEqualTo(expected);
                assertThat(status.recovered()).as("no lease on the living node expired").isZero();
                // One line for the lost node, not one each time a call on the living node works.
                assertThat(runner.log()).as("while one master is down").doesNotContain("available again")
                        .containsOnlyOnce("unavailable");

                restart.run();
                await().atMost(Duration.ofMinutes(3)).ignoreExceptions()
                        .until(() -> broker.status(dying).orElseThrow().state().isTerminal());
                JobStatus after = broker.status(dying).orElseThrow();
                assertThat(after.state()).as(runner.log()).isEqualTo(JobState.SUCCEEDED);
                assertThat(PiJobs.inside(after)).isEqualTo(PiJobs.expectedInside(samples * 8, tasks, SEED));
                assertThat(runner.isAlive()).isTrue();
                assertThat(runner.log()).contains("available again");
            }
        }
    }

    /**
     * As above, and a runner of the living queue is lost mid-job (this test, which claims two tasks and never
     * renews or settles them) while the other node is down: the surviving runner, whose leases on the dead node
     * cannot be renewed, still recovers the lost runner's tasks on the living node.
     */
    @Test
    void recoveryGoesOnOnTheOtherNodes() throws Exception {
        long samples = 600_000_000L;
        int tasks = 30;
        try (ClusterRedis cluster = new ClusterRedis();
             Broker broker = Broker.connect(cluster.uri())) {
            List<String> queues = new ArrayList<>();
            Set<Integer> masters = new HashSet<>();
            for (int i = 0; queues.size() < 2; i++) {
                if (masters.add(cluster.masterOf(ClusterRedis.slotOf("reap" + i)))) {
                    queues.add("reap" + i);
                }
            }
            try (RunnerProcess survivor = RunnerProcess.start(cluster.uri(), "--queue", String.join(",", queues),
                    "--threads", "2", "--lease", "6s", "--name", "survivor")) {
                PiJobs.submit(broker, queues.get(0), samples * 8, tasks, SEED);
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> broker.queue(queues.get(0)).backlog().inFlight() >= 2);
                cluster.killShardOf(ClusterRedis.slotOf(queues.get(0)));

                JobId living = PiJobs.submit(broker, queues.get(1), samples, tasks, SEED);
                List<ClaimedTask> lost = broker.queue(queues.get(1)).claim(2, Duration.ofSeconds(6), "pi");
                assertThat(lost).hasSize(2);

                await().atMost(Duration.ofSeconds(120)).ignoreExceptions()
                        .until(() -> broker.status(living).orElseThrow().state().isTerminal());
                JobStatus status = broker.status(living).orElseThrow();
                assertThat(status.state()).as(survivor.log()).isEqualTo(JobState.SUCCEEDED);
                assertThat(PiJobs.inside(status)).isEqualTo(PiJobs.expectedInside(samples, tasks, SEED));
                assertThat(status.recovered()).as("the lost runner's leases were taken back").isEqualTo(2);
                assertThat(survivor.log()).contains("queue " + queues.get(1) + ": recovered");
            }
        }
    }

    private static String[] with(String[] args, String... more) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
