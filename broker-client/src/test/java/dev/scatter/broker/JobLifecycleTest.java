package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scatter.broker.testing.QueueClock;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

@Tag("protocol")
@ExtendWith(RealRedis.class)
class JobLifecycleTest {

    private final QueueClock clock = new QueueClock();

    @Test
    void submitMakesEveryTaskReadyAtOnce(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            JobId id = broker.submit(JobSpec.of("pi", "{\"samples\":1000}", 1000).withQueue(redis.queue()));

            JobStatus status = broker.status(id).orElseThrow();
            assertThat(status.state()).isEqualTo(JobState.QUEUED);
            assertThat(status.total()).isEqualTo(1000);
            assertThat(status.kind()).isEqualTo("pi");
            assertThat(status.paramsJson()).isEqualTo("{\"samples\":1000}");
            assertThat(broker.queue(redis.queue()).backlog().ready()).isEqualTo(1000);
        }
    }

    @Test
    void claimLeasesTasksAtomicallyAndCompletionCountsEachOnce(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId id = broker.submit(Brokers.noop(redis, 10));

            List<ClaimedTask> tasks = queue.claim(10, Brokers.LEASE, "noop");
            assertThat(tasks).hasSize(10);
            assertThat(tasks).extracting(ClaimedTask::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            assertThat(tasks).allSatisfy(t -> {
                assertThat(t.attempt()).isEqualTo(1);
                assertThat(t.kind()).isEqualTo("noop");
                assertThat(t.job()).isEqualTo(id);
            });
            QueueBacklog backlog = queue.backlog();
            assertThat(backlog.ready()).isZero();
            assertThat(backlog.inFlight()).isEqualTo(10);
            assertThat(broker.status(id).orElseThrow().state()).isEqualTo(JobState.RUNNING);

            assertThat(Brokers.completeWithIndex(queue, tasks.subList(0, 4))).containsOnly(ReturnCode.COUNTED);
            // The same completions again, as a runner retrying after a lost reply would send them.
            assertThat(Brokers.completeWithIndex(queue, tasks.subList(0, 4))).containsOnly(ReturnCode.DUPLICATE);
            JobStatus status = broker.status(id).orElseThrow();
            assertThat(status.succeeded()).isEqualTo(4);
            assertThat(queue.backlog().inFlight()).isEqualTo(6);
        }
    }

    @Test
    void lastCompletionQueuesTheReduceExactlyOnceAndTheReduceEndsTheJob(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId id = broker.submit(Brokers.noop(redis, 5));
            List<ClaimedTask> tasks = queue.claim(5, Brokers.LEASE, "noop");
            Brokers.completeWithIndex(queue, tasks.subList(0, 4));
            assertThat(queue.claim(10, Brokers.LEASE, "noop")).as("no reduce before the last task").isEmpty();

            // The last task completed twice in one batch, and once more later: one reduce.
            Brokers.completeWithIndex(queue, List.of(tasks.get(4), tasks.get(4)));
            Brokers.completeWithIndex(queue, List.of(tasks.get(4)));
            assertThat(broker.status(id).orElseThrow().state()).isEqualTo(JobState.REDUCING);
            List<ClaimedTask> reduce = queue.claim(10, Brokers.LEASE, "noop");
            assertThat(reduce).hasSize(1);
            assertThat(reduce.get(0).isReduce()).isTrue();

            Map<Integer, String> partials = broker.partialResults(id);
            assertThat(partials).containsExactlyInAnyOrderEntriesOf(Map.of(0, "0", 1, "1", 2, "2", 3, "3", 4, "4"));
            int sum = partials.values().stream().mapToInt(Integer::parseInt).sum();
            assertThat(queue.complete(List.of(new TaskCompletion(reduce.get(0), "{\"sum\":" + sum + "}"))))
                    .containsExactly(ReturnCode.COUNTED);
            assertThat(queue.complete(List.of(new TaskCompletion(reduce.get(0), "{\"sum\":-1}"))))
                    .containsExactly(ReturnCode.DUPLICATE);

            JobStatus done = broker.status(id).orElseThrow();
            assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(done.result()).isEqualTo("{\"sum\":10}");
            assertThat(done.succeeded()).isEqualTo(5);
            assertThat(done.finishedAt()).isNotNull();
            assertThat(queue.backlog().outstanding()).isZero();
            assertThat(broker.partialResults(id)).as("partials dropped once reduced").isEmpty();
        }
    }

    @Test
    void endedJobsLeaveTheJobsIndexOnceTheirKeysExpire(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock);
             RedisClient raw = RedisClient.create(java.net.URI.create(redis.uri()))) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId ended = broker.submit(Brokers.noop(redis, 1).withResultTtl(java.time.Duration.ofSeconds(1)));
            JobId running = broker.submit(Brokers.noop(redis, 1));
            broker.cancel(ended);
            assertThat(queue.jobs(10)).extracting(JobStatus::id).containsExactlyInAnyOrder(ended, running);
            queue.recover(100);
            assertThat(raw.zscore(queue.keys().jobs(), ended.id())).isNotNull();

            // Keys expire by Redis's own clock, and so does the index entry that mirrors them.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
                queue.recover(100);
                assertThat(raw.zscore(queue.keys().jobs(), ended.id())).isNull();
            });
            assertThat(raw.exists(queue.keys().job(ended.id()))).isFalse();
            assertThat(raw.zscore(queue.keys().jobs(), running.id())).isNotNull();
            assertThat(raw.zcard(queue.keys().expiring())).isZero();
        }
    }

    @Test
    void jobsWithoutParametersGetAnEmptyObject(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            JobId id = broker.submit(JobSpec.of("noop", null, 1).withQueue(redis.queue()));
            assertThat(broker.status(id).orElseThrow().paramsJson()).isEqualTo("{}");
        }
    }

    @Test
    void finishedJobsExpireAfterTheirTtl(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock);
             RedisClient raw = RedisClient.create(java.net.URI.create(redis.uri()))) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId id = broker.submit(Brokers.noop(redis, 2).withResultTtl(java.time.Duration.ofSeconds(90)));
            String jobKey = queue.keys().job(id.id());
            assertThat(raw.ttl(jobKey)).as("no TTL while the job runs").isEqualTo(-1);

            Brokers.completeWithIndex(queue, queue.claim(2, Brokers.LEASE, "noop"));
            queue.complete(List.of(new TaskCompletion(queue.claim(1, Brokers.LEASE, "noop").get(0), "{}")));

            assertThat(raw.ttl(jobKey)).isBetween(1L, 90L);
        }
    }
}
