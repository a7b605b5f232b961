package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scatter.broker.testing.QueueClock;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * One job over several shards (queues of their own hash tag): its tasks are the job's, by the job's indexes; it
 * reads, cancels and retries as one job; and its reduce is queued exactly once, after the last shard succeeds,
 * however often that is told, even when the runner that settled the last task never told it.
 */
@Tag("protocol")
@ExtendWith(RealRedis.class)
class ShardedJobTest {

    private final QueueClock clock = new QueueClock();

    @Test
    void shardQueuesFallInEvenlySpreadSlotRangesSoAClusterPutsThemOnDifferentMasters() {
        for (int shards : List.of(2, 3, 6, 16, 256)) {
            List<String> names = ShardQueues.names("sweep", shards);
            assertThat(names).hasSize(shards).doesNotHaveDuplicates();
            for (int i = 0; i < shards; i++) {
                int slot = JedisClusterCRC16.getSlot(names.get(i));
                assertThat(slot).as("shard %d of %d", i, shards)
                        .isBetween(i * 16384 / shards, (i + 1) * 16384 / shards - 1);
                assertThat(ShardQueues.isShard(names.get(i))).isTrue();
                assertThat(ShardQueues.parentOf(names.get(i))).isEqualTo("sweep");
            }
        }
        assertThat(ShardQueues.names("sweep", 3)).as("the same names every time").isEqualTo(ShardQueues.names("sweep", 3));
        assertThat(ShardQueues.isShard("sweep")).isFalse();
        assertThatThrownBy(() -> new QueueKeys("a~b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aShardedJobRunsItsTasksByTheJobsIndexesAndReducesOnceOverEveryShard(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock); RedisClient raw = RedisClient.create(URI.create(redis.uri()))) {
            JobId id = broker.submit(Brokers.noop(redis, 10).withShards(3));
            List<String> queues = ShardQueues.names(redis.queue(), 3);
            assertThat(broker.shardQueues(redis.queue())).containsExactlyInAnyOrderElementsOf(queues);
            JobStatus queued = broker.status(id).orElseThrow();
            assertThat(queued.state()).isEqualTo(JobState.QUEUED);
            assertThat(queued.total()).isEqualTo(10);

            Set<Integer> indexes = new HashSet<>();
            List<ReturnCode> codes = new ArrayList<>();
            for (String queue : queues) {
                List<ClaimedTask> tasks = Brokers.claimAll(broker.queue(queue));
                for (ClaimedTask task : tasks) {
                    assertThat(task.jobTotal()).isEqualTo(10);
                    assertThat(task.userJob()).isEqualTo(id);
                    assertThat(indexes.add(task.jobIndex())).as("task %d given once", task.jobIndex()).isTrue();
                }
                assertThat(broker.status(id).orElseThrow().state()).isEqualTo(JobState.RUNNING);
                codes.addAll(broker.queue(queue).complete(tasks.stream()
                        .map(t -> new TaskCompletion(t, Integer.toString(t.jobIndex()))).toList()));
            }
            assertThat(indexes).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            assertThat(codes).as("each shard's last task ends the shard").filteredOn(c -> c == ReturnCode.SHARD_ENDED)
                    .hasSize(3);
            assertThat(broker.status(id).orElseThrow().succeeded()).isEqualTo(10);

            // The runner tells the job of each shard's end; told again (any runner's check), nothing changes.
            TaskQueue home = broker.queue(redis.queue());
            List<Boolean> queuedTheReduce = new ArrayList<>();
            for (String queue : queues) {
                queuedTheReduce.add(broker.shardEnded(new JobId(queue, id.id())));
            }
            assertThat(queuedTheReduce).containsExactly(false, false, true);
            for (String queue : queues) {
                assertThat(broker.shardEnded(new JobId(queue, id.id()))).isFalse();
            }
            assertThat(broker.checkShardedJobs(redis.queue())).isZero();
            assertThat(raw.lrange(home.keys().ready(), 0, -1)).containsExactly(id.id() + ":r:0");
            assertThat(broker.status(id).orElseThrow().state()).isEqualTo(JobState.REDUCING);

            Map<Integer, String> partials = broker.partialResults(id);
            assertThat(partials).hasSize(10);
            partials.forEach((index, value) -> assertThat(value).isEqualTo(Integer.toString(index)));

            List<ClaimedTask> reduce = home.claim(10, Brokers.LEASE, "noop");
            assertThat(reduce).singleElement().satisfies(t -> assertThat(t.isReduce()).isTrue());
            assertThat(reduce.get(0).totalTasks()).isEqualTo(10);
            assertThat(home.complete(List.of(new TaskCompletion(reduce.get(0), "45")))).containsExactly(ReturnCode.COUNTED);
            JobStatus done = broker.status(id).orElseThrow();
            assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(done.result()).isEqualTo("45");
            assertThat(done.succeeded()).isEqualTo(10);
            assertThat(done.startedAt()).isNotNull();
            assertThat(broker.shardEnded(new JobId(queues.get(0), id.id()))).as("after the end, a late tell").isFalse();
            for (String queue : queues) {
                assertThat(raw.exists(new QueueKeys(queue).results(id.id()))).as("kept for the reduce").isTrue();
            }
            broker.dropShardResults(id);
            for (String queue : queues) {
                assertThat(raw.exists(new QueueKeys(queue).results(id.id()))).as("dropped once it succeeded").isFalse();
            }
            assertThat(broker.taskRecords(id, 10)).as("the task records stay").hasSize(10);
            assertThat(home.jobs(10)).singleElement().satisfies(j -> assertThat(j.succeeded()).isEqualTo(10));
        }
    }

    @Test
    void aShardsEndThatNoRunnerToldIsFoundByTheCheck(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock); RedisClient raw = RedisClient.create(URI.create(redis.uri()))) {
            JobId id = broker.submit(Brokers.noop(redis, 4).withShards(2));
            for (String queue : ShardQueues.names(redis.queue(), 2)) {
                Brokers.completeWithIndex(broker.queue(queue), Brokers.claimAll(broker.queue(queue)));
            }
            // Both shards ended; the runner that settled them died before telling the job.
            assertThat(broker.status(id).orElseThrow().state()).isEqualTo(JobState.RUNNING);
            assertThat(broker.checkShardedJobs(redis.queue())).isEqualTo(2);
            assertThat(broker.checkShardedJobs(redis.queue())).as("once told, not again").isZero();
            assertThat(raw.lrange(broker.queue(redis.queue()).keys().ready(), 0, -1)).containsExactly(id.id() + ":r:0");
            assertThat(raw.smembers(broker.queue(redis.queue()).keys().sharded())).isEmpty();
        }
    }

    @Test
    void aShardWithADeadTaskFailsTheJobUntilItIsRetried(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            JobId id = broker.submit(Brokers.noop(redis, 6).withShards(2).withMaxAttempts(1));
            List<String> queues = ShardQueues.names(redis.queue(), 2);
            TaskQueue first = broker.queue(queues.get(0));
            List<ClaimedTask> tasks = Brokers.claimAll(first);
            assertThat(first.fail(List.of(TaskFailure.permanent(tasks.get(1), "bad input"))))
                    .containsExactly(ReturnCode.DEAD);
            Brokers.completeWithIndex(first, List.of(tasks.get(0), tasks.get(2)));
            assertThat(broker.status(id).orElseThrow().state()).as("not failed while the other shard has not ended")
                    .isEqualTo(JobState.RUNNING);
            Brokers.completeWithIndex(broker.queue(queues.get(1)), Brokers.claimAll(broker.queue(queues.get(1))));
            for (String queue : queues) {
                broker.shardEnded(new JobId(queue, id.id()));
            }

            JobStatus failed = broker.status(id).orElseThrow();
            assertThat(failed.state()).isEqualTo(JobState.FAILED);
            assertThat(failed.failed()).isEqualTo(1);
            assertThat(failed.error()).contains("shard 0").contains("bad input");
            assertThat(broker.deadCount(redis.queue())).as("the queue's dead tasks, its shards' included").isEqualTo(1);
            assertThat(broker.deadTasks(id)).singleElement().satisfies(dead -> {
                assertThat(dead.job()).isEqualTo(id);
                assertThat(dead.index()).isEqualTo(1);
            });

            assertThat(broker.retryDead(id)).isEqualTo(1);
            assertThat(broker.status(id).orElseThrow().state()).isEqualTo(JobState.RUNNING);
            List<ClaimedTask> again = Brokers.claimAll(first);
            assertThat(again).singleElement().satisfies(t -> assertThat(t.jobIndex()).isEqualTo(1));
            assertThat(Brokers.completeWithIndex(first, again)).containsExactly(ReturnCode.SHARD_ENDED);
            assertThat(broker.shardEnded(new JobId(queues.get(0), id.id()))).as("the reduce is queued").isTrue();
            assertThat(broker.status(id).orElseThrow().state()).isEqualTo(JobState.REDUCING);
            broker.dropShardResults(id);
            assertThat(broker.partialResults(id)).as("not dropped before the job succeeds").hasSize(6);
        }
    }

    @Test
    void cancellingAShardedJobCancelsEveryShard(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            JobId id = broker.submit(Brokers.noop(redis, 9).withShards(3));
            List<String> queues = ShardQueues.names(redis.queue(), 3);
            List<ClaimedTask> running = broker.queue(queues.get(2)).claim(1, Brokers.LEASE, "noop");

            assertThat(broker.cancel(id)).isEqualTo(CancelOutcome.CANCELLED);
            assertThat(broker.status(id).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
            for (String queue : queues) {
                assertThat(broker.status(new JobId(queue, id.id())).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
                assertThat(broker.queue(queue).claim(10, Brokers.LEASE, "noop")).isEmpty();
            }
            assertThat(broker.queue(queues.get(2)).renew(running, Brokers.LEASE)).as("its runners are told to stop")
                    .containsExactly(running.get(0).leaseId());
            assertThat(broker.cancel(id)).isEqualTo(CancelOutcome.ALREADY_ENDED);
        }
    }

    @Test
    void aShardThatIsGoneFailsTheJobOnceItIsOverdue(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock); RedisClient raw = RedisClient.create(URI.create(redis.uri()))) {
            JobId id = broker.submit(Brokers.noop(redis, 4).withShards(2));
            QueueKeys home = broker.queue(redis.queue()).keys();
            String lost = ShardQueues.names(redis.queue(), 2).get(1);
            raw.del(new QueueKeys(lost).job(id.id()));
            assertThat(broker.checkShardedJobs(redis.queue())).as("a shard may still be on its way").isZero();

            // As if its submit had died two minutes ago: the record says when it was made, by Redis's time.
            raw.hset(home.job(id.id()), "createdAt", Long.toString(Long.parseLong(raw.hget(home.clock(), "real"))
                    - 2 * ShardedJobs.MISSING_AFTER_MILLIS));
            assertThat(broker.checkShardedJobs(redis.queue())).isEqualTo(1);
            JobStatus failed = broker.status(id).orElseThrow();
            assertThat(failed.state()).isEqualTo(JobState.FAILED);
            assertThat(failed.error()).contains("shard 1 is missing");
            assertThat(raw.ttl(home.job(id.id()))).isPositive();
        }
    }

    @Test
    void aShardRecordChangedByHandIsNeverToldToAnotherJobAndTheCheckStillEndsItsOwn(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock); RedisClient raw = RedisClient.create(URI.create(redis.uri()))) {
            JobId id = broker.submit(Brokers.noop(redis, 2).withShards(2));
            List<String> queues = ShardQueues.names(redis.queue(), 2);
            for (String queue : queues) {
                Brokers.completeWithIndex(broker.queue(queue), Brokers.claimAll(broker.queue(queue)));
            }
            raw.hset(new QueueKeys(queues.get(0)).job(id.id()), "parent", "elsewhere");
            raw.hset(new QueueKeys(queues.get(1)).job(id.id()), "shard", "x");
            assertThat(broker.shardEnded(new JobId(queues.get(0), id.id()))).isFalse();
            assertThat(broker.shardEnded(new JobId(queues.get(1), id.id()))).isFalse();
            assertThat(broker.status(id).orElseThrow().state()).isEqualTo(JobState.RUNNING);
            assertThat(broker.checkShardedJobs(redis.queue())).as("the job knows its shards by its own record")
                    .isEqualTo(2);
            assertThat(broker.status(id).orElseThrow().state()).isEqualTo(JobState.REDUCING);
        }
    }

    @Test
    void aJobIsSplitOnlyIntoShardsItCanFill(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            assertThatThrownBy(() -> broker.submit(Brokers.noop(redis, 2).withShards(3)))
                    .isInstanceOf(InvalidJobException.class).hasMessageContaining("cannot be split into 3 shards");
            assertThatThrownBy(() -> broker.submit(Brokers.noop(redis, 2000).withShards(ShardQueues.MAX_SHARDS + 1)))
                    .isInstanceOf(InvalidJobException.class).hasMessageContaining("1 to 256 shards");
            assertThatThrownBy(() -> broker.submit(Brokers.noop(redis, 1_000_001)))
                    .isInstanceOf(InvalidJobException.class).hasMessageContaining("--shards");
        }
    }
}
