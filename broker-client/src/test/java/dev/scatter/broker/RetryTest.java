package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scatter.broker.testing.QueueClock;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Failures are bounded: back-off, then quarantine with the error; the job still ends; dead tasks can be retried. */
@Tag("protocol")
@ExtendWith(RealRedis.class)
class RetryTest {

    private final QueueClock clock = new QueueClock();

    @Test
    void aFailingTaskIsRetriedAfterItsBackOffThenQuarantinedWithItsError(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId id = broker.submit(Brokers.noop(redis, 2).withMaxAttempts(3));
            List<ClaimedTask> tasks = queue.claim(2, Brokers.LEASE, "noop");
            Brokers.completeWithIndex(queue, List.of(tasks.get(1)));
            ClaimedTask failing = tasks.get(0);

            for (int attempt = 1; attempt <= 2; attempt++) {
                assertThat(failing.attempt()).isEqualTo(attempt);
                assertThat(queue.fail(List.of(TaskFailure.retryable(failing, "boom " + attempt))))
                        .containsExactly(ReturnCode.RETRY_SCHEDULED);
                assertThat(queue.backlog().delayed()).isEqualTo(1);
                assertThat(queue.recover(100).promoted()).as("not before its back-off").isZero();
                clock.advance(RetryPolicy.DEFAULT.cap());
                assertThat(queue.recover(100).promoted()).isEqualTo(1);
                failing = queue.claim(1, Brokers.LEASE, "noop").get(0);
            }
            assertThat(queue.fail(List.of(TaskFailure.retryable(failing, "boom 3"))))
                    .containsExactly(ReturnCode.DEAD);

            JobStatus status = broker.status(id).orElseThrow();
            assertThat(status.state()).isEqualTo(JobState.FAILED);
            assertThat(status.error()).isEqualTo("1 of 2 tasks failed; first: task 0 failed on attempt 3 of 3: boom 3");
            assertThat(status.retries()).isEqualTo(2);
            List<DeadTask> dead = broker.deadTasks(id);
            assertThat(dead).singleElement().satisfies(d -> {
                assertThat(d.index()).isZero();
                assertThat(d.attempts()).isEqualTo(3);
                assertThat(d.reason()).isEqualTo("failed on attempt 3 of 3");
                assertThat(d.error()).isEqualTo("boom 3");
            });
        }
    }

    @Test
    void retryingDeadTasksLetsTheJobSucceed(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId id = broker.submit(Brokers.noop(redis, 3).withMaxAttempts(1));
            List<ClaimedTask> tasks = queue.claim(3, Brokers.LEASE, "noop");
            Brokers.completeWithIndex(queue, List.of(tasks.get(0)));
            queue.fail(List.of(TaskFailure.retryable(tasks.get(1), "x"), TaskFailure.permanent(tasks.get(2), "y")));
            assertThat(broker.status(id).orElseThrow().state()).isEqualTo(JobState.FAILED);

            assertThat(broker.retryDead(id)).isEqualTo(2);
            JobStatus retried = broker.status(id).orElseThrow();
            assertThat(retried.state()).isEqualTo(JobState.RUNNING);
            assertThat(retried.failed()).isZero();
            assertThat(broker.deadTasks(id)).isEmpty();

            List<ClaimedTask> again = queue.claim(10, Brokers.LEASE, "noop");
            assertThat(again).extracting(ClaimedTask::index).containsExactlyInAnyOrder(1, 2);
            Brokers.completeWithIndex(queue, again);
            ClaimedTask reduce = queue.claim(1, Brokers.LEASE, "noop").get(0);
            queue.complete(List.of(new TaskCompletion(reduce, "{}")));
            assertThat(broker.status(id).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
            assertThatThrownBy(() -> broker.retryDead(id)).hasMessageContaining("nothing to retry");
        }
    }

    @Test
    void aTaskThatKeepsKillingItsRunnerIsQuarantinedAfterItsRecoveriesNotItsAttempts(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId id = broker.submit(Brokers.noop(redis, 1).withMaxAttempts(1).withMaxRecoveries(3));
            for (int death = 1; death <= 4; death++) {
                List<ClaimedTask> claimed = queue.claim(1, Brokers.LEASE, "noop");
                assertThat(claimed).as("lost %d times, still not quarantined", death - 1).hasSize(1);
                assertThat(claimed.get(0).attempt()).as("a runner's death charges no attempt").isEqualTo(1);
                // The runner dies: no renewal, no settlement.
                clock.advance(Brokers.LEASE.plusSeconds(1));
                queue.recover(100);
            }
            JobStatus status = broker.status(id).orElseThrow();
            assertThat(status.state()).isEqualTo(JobState.FAILED);
            assertThat(status.recovered()).isEqualTo(4);
            assertThat(status.retries()).isZero();
            assertThat(broker.deadTasks(id)).singleElement().satisfies(d -> {
                assertThat(d.reason()).isEqualTo("lost its runner 4 times");
                assertThat(d.attempts()).isZero();
            });
            assertThat(status.error()).startsWith("1 of 1 tasks failed; first: task 0 lost its runner 4 times");
            assertThat(queue.backlog().outstanding()).isZero();
        }
    }

    @Test
    void aTaskThatSharedARunnerWithAPoisonTaskIsChargedOnceThenRunsAlone(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId id = broker.submit(Brokers.noop(redis, 3).withMaxRecoveries(3));
            // One runner holds all three; task 1 is poison: the runner dies.
            assertThat(queue.claim(3, Brokers.LEASE, List.of("noop"), true).tasks()).hasSize(3);
            clock.advance(Brokers.LEASE.plusSeconds(1));
            assertThat(queue.recover(100).requeued()).isEqualTo(3);

            // Each now runs alone: a runner holding something gets none of them, one holding nothing gets one.
            assertThat(queue.claim(10, Brokers.LEASE, List.of("noop"), false).tasks()).isEmpty();
            List<ClaimedTask> alone;
            while (!(alone = queue.claim(10, Brokers.LEASE, List.of("noop"), true).tasks()).isEmpty()) {
                assertThat(alone).singleElement().satisfies(t -> assertThat(t.isSuspect()).isTrue());
                if (alone.get(0).index() == 1) {
                    // The poison task kills every runner it touches, and only it pays.
                    clock.advance(Brokers.LEASE.plusSeconds(1));
                    queue.recover(100);
                } else {
                    Brokers.completeWithIndex(queue, alone);
                }
            }
            assertThat(broker.deadTasks(id)).extracting(DeadTask::index).containsExactly(1);
            assertThat(broker.status(id).orElseThrow().succeeded()).isEqualTo(2);
        }
    }

    @Test
    void aTaskHandedBackOverAndOverEndsInsteadOfLoopingForever(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId id = broker.submit(Brokers.noop(redis, 1).withMaxAttempts(1));
            for (int evicted = 1; evicted <= 50; evicted++) {
                ClaimedTask task = queue.claim(1, Brokers.LEASE, "noop").get(0);
                assertThat(task.attempt()).isEqualTo(1);
                assertThat(queue.release(List.of(task))).containsExactly(ReturnCode.REQUEUED);
            }
            ClaimedTask task = queue.claim(1, Brokers.LEASE, "noop").get(0);
            assertThat(queue.release(List.of(task))).containsExactly(ReturnCode.DEAD);
            JobStatus status = broker.status(id).orElseThrow();
            assertThat(status.state()).isEqualTo(JobState.FAILED);
            assertThat(status.handedBack()).isEqualTo(51);
            assertThat(broker.deadTasks(id)).singleElement()
                    .satisfies(d -> assertThat(d.reason()).isEqualTo("was handed back 51 times"));
        }
    }

    @Test
    void tensOfThousandsOfDeadTasksAreAllRetriedInCallsOfAThousand(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId id = broker.submit(Brokers.noop(redis, 20_000).withMaxAttempts(1));
            List<ClaimedTask> batch;
            while (!(batch = queue.claim(TaskQueue.MAX_BATCH, Brokers.LEASE, "noop")).isEmpty()) {
                queue.fail(batch.stream().map(t -> TaskFailure.permanent(t, "no")).toList());
            }
            assertThat(broker.status(id).orElseThrow().failed()).isEqualTo(20_000);

            assertThat(broker.retryDead(id)).isEqualTo(20_000);
            JobStatus status = broker.status(id).orElseThrow();
            assertThat(status.failed()).isZero();
            assertThat(status.state()).isEqualTo(JobState.RUNNING);
            assertThat(queue.backlog().ready()).isEqualTo(20_000);
        }
    }

    @Test
    void retriedDeadTasksStartWithFreshBudgets(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId id = broker.submit(Brokers.noop(redis, 1).withMaxRecoveries(0));
            queue.claim(1, Brokers.LEASE, "noop");
            clock.advance(Brokers.LEASE.plusSeconds(1));
            assertThat(queue.recover(100).quarantined()).isEqualTo(1);
            assertThat(broker.retryDead(id)).isEqualTo(1);

            queue.claim(1, Brokers.LEASE, "noop");
            clock.advance(Brokers.LEASE.plusSeconds(1));
            assertThat(queue.recover(100).quarantined()).as("its recoveries start again from none").isEqualTo(1);
        }
    }

    @Test
    void aFailingReduceIsRetriedThenFailsTheJob(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId id = broker.submit(Brokers.noop(redis, 1).withMaxAttempts(2));
            Brokers.completeWithIndex(queue, queue.claim(1, Brokers.LEASE, "noop"));
            ClaimedTask reduce = queue.claim(1, Brokers.LEASE, "noop").get(0);
            assertThat(queue.fail(List.of(TaskFailure.retryable(reduce, "reducer bug"))))
                    .containsExactly(ReturnCode.RETRY_SCHEDULED);
            clock.advance(Duration.ofMinutes(10));
            queue.recover(10);
            reduce = queue.claim(1, Brokers.LEASE, "noop").get(0);
            assertThat(reduce.isReduce()).isTrue();
            assertThat(reduce.attempt()).isEqualTo(2);
            assertThat(queue.fail(List.of(TaskFailure.retryable(reduce, "reducer bug")))).containsExactly(ReturnCode.DEAD);

            JobStatus status = broker.status(id).orElseThrow();
            assertThat(status.state()).isEqualTo(JobState.FAILED);
            assertThat(status.error()).isEqualTo("the reduce failed on attempt 2 of 2: reducer bug");
        }
    }

    @Test
    void backOffGrowsExponentiallyWithJitterUpToTheCap() {
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60));
        assertThat(policy.delayAfter(1, 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delayAfter(1, 0.999)).isBetween(Duration.ofMillis(990), Duration.ofSeconds(1));
        assertThat(policy.delayAfter(4, 0.0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delayAfter(40, 0.999)).isLessThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(policy.delayAfter(40, 0.0)).isEqualTo(Duration.ofSeconds(30));
    }
}
