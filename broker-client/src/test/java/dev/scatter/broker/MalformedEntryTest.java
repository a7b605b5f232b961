package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scatter.broker.testing.QueueClock;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

/** Bad data in Redis is quarantined with its reason and never stops the good work around it. */
@Tag("protocol")
@ExtendWith(RealRedis.class)
class MalformedEntryTest {

    private final QueueClock clock = new QueueClock();

    @Test
    void garbageInTheReadyListIsQuarantinedWithItsReason(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock); RedisClient raw = RedisClient.create(URI.create(redis.uri()))) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId id = broker.submit(Brokers.noop(redis, 2));
            String ready = queue.keys().ready();
            raw.lpush(ready, "not a ref", "{\"json\":true}", "", "zzz999:0:0", id.id() + ":7:0", id.id() + ":x1:0");

            List<ClaimedTask> claimed = queue.claim(100, Brokers.LEASE, "noop");

            assertThat(claimed).extracting(ClaimedTask::index).containsExactlyInAnyOrder(0, 1);
            List<QuarantinedEntry> quarantined = queue.malformed(100);
            // A ref of a job that is not active (it ended, was cancelled or has expired) is dropped, not quarantined:
            // refs of a cancelled job wait in the ready list until a runner meets them.
            assertThat(quarantined).extracting(QuarantinedEntry::reason).containsExactlyInAnyOrder(
                    "malformed ref", "malformed ref", "malformed ref", "malformed ref",
                    "task index out of range for job " + id.id());
            assertThat(quarantined).extracting(QuarantinedEntry::entry).contains("not a ref").doesNotContain("zzz999:0:0");
            assertThat(queue.backlog().malformed()).isEqualTo(5);
        }
    }

    @Test
    void onlyCanonicalRefsAreLeasedAndEveryOtherIsQuarantinedOnItsOwn(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock); RedisClient raw = RedisClient.create(URI.create(redis.uri()))) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId id = broker.submit(Brokers.noop(redis, 3).withMaxAttempts(5));
            String j = id.id();
            raw.del(queue.keys().ready());
            // Task 01 is not task 1; an attempt count of 2^32 would overflow; a range must be in order and in range.
            raw.rpush(queue.keys().ready(), j + ":01:0", j + ":1:00", j + ":1:4294967296", j + ":1:5", j + ":2-1:0",
                    j + ":00-2:0", j + ":1-3:0", j + ":0-2:1", j.toUpperCase() + ":1:0", j + ":1:0", j + ":0:0",
                    j + ":2:4");

            List<ClaimedTask> claimed = queue.claim(100, Brokers.LEASE, "noop");

            assertThat(claimed).extracting(ClaimedTask::index, ClaimedTask::attempt)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 1), org.assertj.core.groups.Tuple.tuple(0, 1),
                            org.assertj.core.groups.Tuple.tuple(2, 5));
            assertThat(queue.malformed(100)).extracting(QuarantinedEntry::entry, QuarantinedEntry::reason).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(j + ":01:0", "malformed ref"),
                    org.assertj.core.groups.Tuple.tuple(j + ":1:00", "malformed ref"),
                    org.assertj.core.groups.Tuple.tuple(j + ":1:4294967296", "malformed ref"),
                    org.assertj.core.groups.Tuple.tuple(j + ":1:5", "attempt count out of range"),
                    org.assertj.core.groups.Tuple.tuple(j + ":2-1:0", "malformed ref"),
                    org.assertj.core.groups.Tuple.tuple(j + ":00-2:0", "malformed ref"),
                    org.assertj.core.groups.Tuple.tuple(j + ":1-3:0", "task index out of range for job " + j),
                    org.assertj.core.groups.Tuple.tuple(j + ":0-2:1", "malformed ref"),
                    org.assertj.core.groups.Tuple.tuple(j.toUpperCase() + ":1:0", "malformed ref"));
            Brokers.completeWithIndex(queue, claimed);
            assertThat(broker.status(id).orElseThrow().state()).as("three distinct tasks make the job")
                    .isEqualTo(JobState.REDUCING);
        }
    }

    @Test
    void aCompletionOfATaskThatDoesNotExistCountsForNothing(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId id = broker.submit(Brokers.noop(redis, 3));
            queue.claim(1, Brokers.LEASE, "noop");
            // What another client could send: tasks out of range, or written with leading zeros.
            List<TaskCompletion> forged = List.of(
                    new TaskCompletion(new ClaimedTask(id, 7, 1, "noop", "{}", 3, 5, id.id() + ":7:1:forged"), "1"),
                    new TaskCompletion(new ClaimedTask(id, 7, 1, "noop", "{}", 3, 5, id.id() + ":007:1:forged"), "1"),
                    new TaskCompletion(new ClaimedTask(id, 8, 1, "noop", "{}", 3, 5, id.id() + ":8:1:forged"), "1"));
            assertThat(queue.complete(forged)).containsOnly(ReturnCode.MALFORMED);
            JobStatus status = broker.status(id).orElseThrow();
            assertThat(status.succeeded()).isZero();
            assertThat(status.state()).isEqualTo(JobState.RUNNING);
        }
    }

    @Test
    void aCorruptLeaseMemberIsQuarantinedAndDoesNotBlockRecovery(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock); RedisClient raw = RedisClient.create(URI.create(redis.uri()))) {
            TaskQueue queue = broker.queue(redis.queue());
            broker.submit(Brokers.noop(redis, 1));
            raw.zadd(queue.keys().leases(), 1, "garbage-member");
            ClaimedTask task = queue.claim(1, Brokers.LEASE, "noop").get(0);

            RecoveryReport report = queue.recover(100);
            assertThat(report.requeued()).isZero();
            assertThat(raw.zscore(queue.keys().leases(), "garbage-member")).isNull();
            assertThat(queue.malformed(10)).singleElement().satisfies(e -> {
                assertThat(e.entry()).isEqualTo("garbage-member");
                assertThat(e.reason()).isEqualTo("malformed lease");
            });
            assertThat(Brokers.completeWithIndex(queue, List.of(task))).containsExactly(ReturnCode.COUNTED);
        }
    }

    @Test
    void theMalformedListIsCapped(RedisFixture redis) {
        BrokerOptions small = new BrokerOptions(1 << 20, 1 << 20, 1L << 30, 1000, 1 << 20, 5, RetryPolicy.DEFAULT, 4,
                java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(5), java.time.Clock.systemUTC());
        try (Broker broker = Broker.connect(RedisUri.parse(redis.uri()), small);
             RedisClient raw = RedisClient.create(URI.create(redis.uri()))) {
            TaskQueue queue = broker.queue(redis.queue());
            for (int i = 0; i < 20; i++) {
                raw.rpush(queue.keys().ready(), "bad " + i);
            }
            assertThat(queue.claim(100, Brokers.LEASE, "noop")).isEmpty();
            assertThat(queue.malformed(100)).extracting(QuarantinedEntry::entry)
                    .containsExactly("bad 15", "bad 16", "bad 17", "bad 18", "bad 19");
        }
    }
}
