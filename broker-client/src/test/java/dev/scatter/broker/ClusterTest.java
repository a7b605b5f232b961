package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scatter.broker.testing.ClusterRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker on a real Redis Cluster (three masters, a replica each): every script runs on a queue of each
 * master, which only works while each declares every key it touches, in the queue's one slot; wake-ups reach a
 * subscriber wherever its queue lives; and a slot moved mid-job loses nothing.
 */
class ClusterTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static ClusterRedis cluster;

    @BeforeAll
    static void startCluster() {
        // A cluster is made with redis-cli, which a machine with only a JDK (and the Redis bundled in a Maven
        // artifact) lacks; .ci/run installs it, so CI runs these.
        org.junit.jupiter.api.Assumptions.assumeTrue(ClusterRedis.cliAvailable(),
                "no redis-cli on PATH to create a cluster with (Debian: apt-get install redis-server); skipped");
        cluster = new ClusterRedis();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Queue names whose slots are served by three different masters. */
    static List<String> queuesOnEveryMaster(String prefix) {
        List<String> queues = new ArrayList<>();
        Set<Integer> masters = new HashSet<>();
        for (int i = 0; queues.size() < 3; i++) {
            String queue = prefix + i;
            if (masters.add(cluster.masterOf(ClusterRedis.slotOf(queue)))) {
                queues.add(queue);
            }
        }
        return queues;
    }

    @Test
    void everyScriptRunsOnEveryMaster() throws Exception {
        try (Broker broker = Broker.connect(cluster.uri())) {
            broker.ping();
            assertThat(broker.serverVersion()).isNotEqualTo("unknown");
            assertThat(broker.memoryReport()).startsWith("used ");
            broker.runners().heartbeat(new RunnerPresence("r1", "host", 1, List.of("q"), List.of("noop@1"), 1, 0,
                    "test", Instant.now(), null), Duration.ofSeconds(10));
            assertThat(broker.runners().live()).extracting(RunnerPresence::id).contains("r1");

            for (String name : queuesOnEveryMaster("scripts")) {
                TaskQueue queue = broker.queue(name);
                CountDownLatch woken = new CountDownLatch(1);
                CountDownLatch subscribed = new CountDownLatch(1);
                try (ChannelSubscription wakeUps = broker.onWork(List.of(name), woken::countDown, subscribed::countDown)) {
                    assertThat(subscribed.await(10, TimeUnit.SECONDS)).isTrue();
                    JobId id = broker.submit(JobSpec.of("noop", "{}", 4).withQueue(name).withMaxAttempts(1));
                    assertThat(woken.await(10, TimeUnit.SECONDS)).as("a wake-up for " + name).isTrue();

                    List<ClaimedTask> tasks = queue.claim(4, LEASE, "noop");
                    assertThat(tasks).hasSize(4);
                    assertThat(queue.renew(tasks, LEASE)).isEmpty();
                    assertThat(queue.complete(List.of(new TaskCompletion(tasks.get(0), "1"))))
                            .containsExactly(ReturnCode.COUNTED);
                    queue.fail(List.of(TaskFailure.permanent(tasks.get(1), "no")));
                    queue.release(List.of(tasks.get(2)));
                    assertThat(queue.recover(100)).isNotNull();
                    assertThat(broker.deadTasks(id)).hasSize(1);
                    assertThat(broker.partialResults(id)).containsOnlyKeys(0);
                    assertThat(queue.backlog().inFlight()).isEqualTo(1);
                    assertThat(queue.jobs(10)).extracting(JobStatus::id).contains(id);
                    assertThat(broker.cancel(id)).isNotNull();
                    JobId other = broker.submit(JobSpec.of("noop", "{}", 1).withQueue(name).withMaxAttempts(1));
                    queue.fail(List.of(TaskFailure.permanent(queue.claim(1, LEASE, "noop").get(0), "no")));
                    assertThat(broker.retryDead(other)).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void aSlotMovedMidJobLosesNothing() {
        try (Broker broker = Broker.connect(cluster.uri())) {
            String name = "moving";
            TaskQueue queue = broker.queue(name);
            JobId id = broker.submit(JobSpec.of("noop", "{}", 100).withQueue(name));
            List<ClaimedTask> first = queue.claim(50, LEASE, "noop");
            assertThat(queue.complete(completions(first.subList(0, 25)))).containsOnly(ReturnCode.COUNTED);

            int before = cluster.masterOf(ClusterRedis.slotOf(name));
            int after = cluster.moveSlot(ClusterRedis.slotOf(name));
            assertThat(after).isNotEqualTo(before);

            assertThat(queue.complete(completions(first.subList(25, 50)))).containsOnly(ReturnCode.COUNTED);
            List<ClaimedTask> rest = queue.claim(100, LEASE, "noop");
            assertThat(rest).hasSize(50);
            assertThat(queue.complete(completions(rest))).containsOnly(ReturnCode.COUNTED);
            List<ClaimedTask> reduce = queue.claim(1, LEASE, "noop");
            assertThat(queue.complete(List.of(new TaskCompletion(reduce.get(0), "{}"))))
                    .containsExactly(ReturnCode.COUNTED);
            JobStatus status = broker.status(id).orElseThrow();
            assertThat(status.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(status.succeeded()).isEqualTo(100);
        }
    }

    @Test
    void aShardedJobSpreadsOverEveryMasterAndReducesOnceThoughAShardsSlotMoves() {
        try (Broker broker = Broker.connect(cluster.uri())) {
            String name = "spread";
            List<String> shards = ShardQueues.names(name, 3);
            assertThat(shards.stream().map(q -> cluster.masterOf(ClusterRedis.slotOf(q))).distinct())
                    .as("one shard on each master").hasSize(3);
            JobId id = broker.submit(JobSpec.of("noop", "{}", 300).withQueue(name).withShards(3));

            List<ClaimedTask> first = broker.queue(shards.get(0)).claim(100, LEASE, "noop");
            cluster.moveSlot(ClusterRedis.slotOf(shards.get(0)));
            List<ReturnCode> codes = new ArrayList<>(broker.queue(shards.get(0)).complete(completions(first)));
            for (String shard : shards.subList(1, 3)) {
                codes.addAll(broker.queue(shard).complete(completions(broker.queue(shard).claim(100, LEASE, "noop"))));
            }
            assertThat(codes).filteredOn(c -> c == ReturnCode.SHARD_ENDED).hasSize(3);
            assertThat(codes).filteredOn(c -> c == ReturnCode.COUNTED).hasSize(297);
            assertThat(broker.checkShardedJobs(name)).as("the ends no runner told, found by the check").isEqualTo(3);
            assertThat(broker.checkShardedJobs(name)).isZero();

            TaskQueue home = broker.queue(name);
            List<ClaimedTask> reduce = home.claim(10, LEASE, "noop");
            assertThat(reduce).singleElement().satisfies(t -> assertThat(t.isReduce()).isTrue());
            assertThat(broker.partialResults(id)).hasSize(300);
            assertThat(home.complete(List.of(new TaskCompletion(reduce.get(0), "{}")))).containsExactly(ReturnCode.COUNTED);
            JobStatus status = broker.status(id).orElseThrow();
            assertThat(status.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(status.succeeded()).isEqualTo(300);
        }
    }

    private static List<TaskCompletion> completions(List<ClaimedTask> tasks) {
        return tasks.stream().map(t -> new TaskCompletion(t, Integer.toString(t.index()))).toList();
    }
}
