package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scatter.broker.testing.QueueClock;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Leases: renewed by heartbeat, recovered by any client once expired, fenced against the old holder. */
@Tag("protocol")
@ExtendWith(RealRedis.class)
class LeaseTest {

    private final QueueClock clock = new QueueClock();

    @Test
    void renewedLeasesOutliveTheirOriginalDeadline(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            broker.submit(Brokers.noop(redis, 3));
            List<ClaimedTask> tasks = queue.claim(3, Duration.ofSeconds(30), "noop");

            // A task running for an hour, renewed every 10 s, is never taken away.
            for (int i = 0; i < 360; i++) {
                clock.advance(Duration.ofSeconds(10));
                assertThat(queue.renew(tasks, Duration.ofSeconds(30))).isEmpty();
                assertThat(queue.recover(100).didAnything()).isFalse();
            }
            assertThat(queue.backlog().inFlight()).isEqualTo(3);
        }
    }

    @Test
    void anyClientRecoversExpiredLeasesAndTheOldHolderIsFencedOff(RedisFixture redis) {
        try (Broker runnerA = Brokers.connect(redis, clock); Broker runnerB = Brokers.connect(redis, clock)) {
            TaskQueue a = runnerA.queue(redis.queue());
            TaskQueue b = runnerB.queue(redis.queue());
            JobId id = runnerA.submit(Brokers.noop(redis, 4));
            List<ClaimedTask> held = a.claim(4, Duration.ofSeconds(30), "noop");

            clock.advance(Duration.ofSeconds(29));
            assertThat(b.recover(100).requeued()).as("not expired yet").isZero();
            clock.advance(Duration.ofSeconds(2));
            RecoveryReport report = b.recover(100);
            assertThat(report.requeued()).isEqualTo(4);

            List<ClaimedTask> retaken = Brokers.claimAll(b);
            assertThat(retaken).as("a lost runner charges no attempt").hasSize(4)
                    .allSatisfy(t -> assertThat(t.attempt()).isEqualTo(1));
            assertThat(retaken).extracting(ClaimedTask::leaseId).doesNotContainAnyElementsOf(
                    held.stream().map(ClaimedTask::leaseId).toList());
            assertThat(a.renew(held, Duration.ofSeconds(30)))
                    .as("A learns it lost every lease").hasSize(4);
            assertThat(a.fail(List.of(TaskFailure.retryable(held.get(0), "late failure"))))
                    .as("a stale failure changes nothing").containsExactly(ReturnCode.LEASE_LOST);
            assertThat(runnerA.status(id).orElseThrow().recovered()).isEqualTo(4);
        }
    }

    @Test
    void aLeaseRenewedBetweenListingAndRecoveryIsKept(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            broker.submit(Brokers.noop(redis, 1));
            ClaimedTask task = queue.claim(1, Duration.ofSeconds(30), "noop").get(0);
            clock.advance(Duration.ofSeconds(31));
            // The holder renews just before a recovering client settles the expired lease.
            queue.renew(List.of(task), Duration.ofSeconds(30));
            assertThat(queue.recover(100).requeued()).isZero();
            assertThat(queue.renew(List.of(task), Duration.ofSeconds(30))).isEmpty();
        }
    }

    @Test
    void aRunnerThatHandedATaskBackCannotTouchTheLeaseOfItsNextHolder(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            broker.submit(Brokers.noop(redis, 1));
            ClaimedTask first = queue.claim(1, Brokers.LEASE, "noop").get(0);
            queue.release(List.of(first));
            ClaimedTask second = queue.claim(1, Brokers.LEASE, "noop").get(0);
            assertThat(second.attempt()).isEqualTo(first.attempt());
            assertThat(second.leaseId()).isNotEqualTo(first.leaseId());

            // A repeated hand-back, a stale failure and a stale renewal from the first holder change nothing.
            assertThat(queue.release(List.of(first))).containsExactly(ReturnCode.LEASE_LOST);
            assertThat(queue.fail(List.of(TaskFailure.retryable(first, "stale")))).containsExactly(ReturnCode.LEASE_LOST);
            assertThat(queue.renew(List.of(first), Brokers.LEASE)).containsExactly(first.leaseId());
            assertThat(queue.renew(List.of(second), Brokers.LEASE)).isEmpty();
            assertThat(queue.backlog().inFlight()).isEqualTo(1);
        }
    }

    @Test
    void releasedTasksGoBackAtOnceWithoutUsingAnAttempt(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            broker.submit(Brokers.noop(redis, 5));
            List<ClaimedTask> first = queue.claim(2, Duration.ofSeconds(30), "noop");

            assertThat(queue.release(first)).containsOnly(ReturnCode.REQUEUED);
            List<ClaimedTask> again = queue.claim(2, Duration.ofSeconds(30), "noop");
            assertThat(again).extracting(ClaimedTask::index).containsExactlyInAnyOrder(0, 1);
            assertThat(again).allSatisfy(t -> assertThat(t.attempt()).isEqualTo(1));
        }
    }
}
