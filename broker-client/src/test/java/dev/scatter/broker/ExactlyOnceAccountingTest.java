package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scatter.broker.testing.QueueClock;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A duplicate or late completion changes nothing; a late result from a runner presumed dead is counted once. */
@Tag("protocol")
@ExtendWith(RealRedis.class)
class ExactlyOnceAccountingTest {

    private final QueueClock clock = new QueueClock();

    @Test
    void aLateResultFromAPresumedDeadRunnerCountsOnceAndTheRerunIsADuplicate(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId id = broker.submit(Brokers.noop(redis, 2));
            List<ClaimedTask> slow = queue.claim(2, Brokers.LEASE, "noop");
            clock.advance(Brokers.LEASE.plusSeconds(1));
            queue.recover(100);
            List<ClaimedTask> rerun = Brokers.claimAll(queue);
            assertThat(rerun).hasSize(2);

            // The slow runner was alive after all, and reports first.
            assertThat(Brokers.completeWithIndex(queue, slow)).containsOnly(ReturnCode.COUNTED);
            assertThat(broker.status(id).orElseThrow().state()).isEqualTo(JobState.REDUCING);
            assertThat(Brokers.completeWithIndex(queue, rerun)).containsOnly(ReturnCode.DUPLICATE);

            JobStatus status = broker.status(id).orElseThrow();
            assertThat(status.succeeded()).isEqualTo(2);
            assertThat(queue.claim(10, Brokers.LEASE, "noop")).as("one reduce").hasSize(1);
            assertThat(queue.backlog().inFlight()).as("the rerun's leases were released").isEqualTo(1);
        }
    }

    @Test
    void aRerunIsStoppedAtItsNextRenewalOnceTheTaskHasAResult(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            broker.submit(Brokers.noop(redis, 1));
            List<ClaimedTask> slow = queue.claim(1, Brokers.LEASE, "noop");
            clock.advance(Brokers.LEASE.plusSeconds(1));
            queue.recover(100);
            List<ClaimedTask> rerun = queue.claim(1, Brokers.LEASE, "noop");
            Brokers.completeWithIndex(queue, slow);

            assertThat(queue.renew(rerun, Brokers.LEASE)).containsExactly(rerun.get(0).leaseId());
            assertThat(queue.backlog().inFlight()).isZero();
        }
    }

    @Test
    void aResultThatLandsWhileTheTaskWaitsToBeRetakenStopsItsRerunAtTheFirstRenewal(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId id = broker.submit(Brokers.noop(redis, 3));
            List<ClaimedTask> slow = queue.claim(1, Brokers.LEASE, "noop");
            clock.advance(Brokers.LEASE.plusSeconds(1));
            queue.recover(100);
            Brokers.completeWithIndex(queue, slow);

            // claim-7 reads no job's results (it declares only the queue's keys), so the task is leased again, and
            // its first renewal tells the runner to stop; its completion would change nothing.
            List<ClaimedTask> again = queue.claim(10, Brokers.LEASE, "noop");
            ClaimedTask rerun = again.stream().filter(t -> t.index() == slow.get(0).index()).findFirst().orElseThrow();
            assertThat(queue.renew(again, Brokers.LEASE)).containsExactly(rerun.leaseId());
            assertThat(Brokers.completeWithIndex(queue, List.of(rerun))).containsExactly(ReturnCode.DUPLICATE);
            assertThat(broker.status(id).orElseThrow().succeeded()).isEqualTo(1);
        }
    }

    @Test
    void aLateResultAfterItsJobFailedIsRefusedNotHalfCounted(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId id = broker.submit(Brokers.noop(redis, 2).withMaxRecoveries(0));
            List<ClaimedTask> tasks = queue.claim(2, Brokers.LEASE, "noop");
            Brokers.completeWithIndex(queue, List.of(tasks.get(1)));
            queue.renew(List.of(tasks.get(1)), Brokers.LEASE);
            // Task 0's runner misses its renewals (a long GC pause): quarantined on its only attempt...
            clock.advance(Brokers.LEASE.plusSeconds(1));
            queue.recover(100);
            assertThat(broker.status(id).orElseThrow().state()).isEqualTo(JobState.FAILED);

            // ...then its result arrives. The job had ended: the result is refused, not half-counted.
            assertThat(Brokers.completeWithIndex(queue, List.of(tasks.get(0)))).containsExactly(ReturnCode.JOB_NOT_ACTIVE);
            assertThat(broker.status(id).orElseThrow().succeeded()).isEqualTo(1);
        }
    }

    @Test
    void aLateResultWhileTheJobStillRunsMovesTheTaskFromDeadToCounted(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId id = broker.submit(Brokers.noop(redis, 2).withMaxRecoveries(0));
            List<ClaimedTask> tasks = queue.claim(2, Brokers.LEASE, "noop");
            // Task 1 is renewed; task 0's runner stalls and its lease expires: it is quarantined.
            clock.advance(Brokers.LEASE.minusSeconds(1));
            queue.renew(List.of(tasks.get(1)), Brokers.LEASE);
            clock.advance(java.time.Duration.ofSeconds(2));
            queue.recover(100);
            assertThat(broker.status(id).orElseThrow().failed()).isEqualTo(1);

            assertThat(Brokers.completeWithIndex(queue, List.of(tasks.get(0)))).containsExactly(ReturnCode.COUNTED);
            JobStatus status = broker.status(id).orElseThrow();
            assertThat(status.failed()).isZero();
            assertThat(status.succeeded()).isEqualTo(1);
            assertThat(broker.deadTasks(id)).isEmpty();

            Brokers.completeWithIndex(queue, List.of(tasks.get(1)));
            assertThat(broker.status(id).orElseThrow().state()).isEqualTo(JobState.REDUCING);
        }
    }
}
