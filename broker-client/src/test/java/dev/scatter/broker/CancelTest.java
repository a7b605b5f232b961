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

@Tag("protocol")
@ExtendWith(RealRedis.class)
class CancelTest {

    private final QueueClock clock = new QueueClock();

    @Test
    void aCancelledJobStopsItsRunnersAndLeavesNothingToRun(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock); RedisClient raw = RedisClient.create(URI.create(redis.uri()))) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId id = broker.submit(Brokers.noop(redis, 10));
            JobId other = broker.submit(Brokers.noop(redis, 2));
            List<ClaimedTask> running = queue.claim(3, Brokers.LEASE, "noop");
            Brokers.completeWithIndex(queue, running.subList(0, 1));
            queue.fail(List.of(TaskFailure.retryable(running.get(1), "flaky")));

            assertThat(broker.cancel(id)).isEqualTo(CancelOutcome.CANCELLED);

            JobStatus status = broker.status(id).orElseThrow();
            assertThat(status.state()).isEqualTo(JobState.CANCELLED);
            assertThat(status.finishedAt()).isNotNull();
            assertThat(raw.ttl(queue.keys().job(id.id()))).isPositive();
            assertThat(queue.renew(running.subList(2, 3), Brokers.LEASE)).as("its runners are told to stop")
                    .containsExactly(running.get(2).leaseId());
            assertThat(Brokers.completeWithIndex(queue, running.subList(2, 3))).containsExactly(ReturnCode.JOB_NOT_ACTIVE);
            clock.advance(java.time.Duration.ofHours(1));
            queue.recover(100);
            List<ClaimedTask> left = queue.claim(100, Brokers.LEASE, "noop");
            assertThat(left).as("only the other job's tasks").allSatisfy(t -> assertThat(t.job()).isEqualTo(other));
            assertThat(left).hasSize(2);
            assertThat(queue.malformed(10)).isEmpty();
        }
    }

    @Test
    void aClaimLooksPastTheRefsOfACancelledJob(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock); RedisClient raw = RedisClient.create(URI.create(redis.uri()))) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId cancelled = broker.submit(Brokers.noop(redis, 25_000));
            // Its tasks as single refs, as they are once retried or recovered, ahead of the live job's.
            String[] refs = new String[25_000];
            for (int i = 0; i < refs.length; i++) {
                refs[i] = cancelled.id() + ":" + i + ":0";
            }
            raw.del(queue.keys().ready());
            raw.rpush(queue.keys().ready(), refs);
            JobId live = broker.submit(Brokers.noop(redis, 3));
            broker.cancel(cancelled);

            List<ClaimedTask> claimed = queue.claim(10, Brokers.LEASE, "noop");

            assertThat(claimed).hasSize(3).allSatisfy(t -> assertThat(t.job()).isEqualTo(live));
        }
    }

    @Test
    void theTasksOfACancelledJobAreNotOutstanding(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId cancelled = broker.submit(Brokers.noop(redis, 1000));
            broker.submit(Brokers.noop(redis, 5));
            List<ClaimedTask> held = queue.claim(10, Brokers.LEASE, "noop");
            Brokers.completeWithIndex(queue, held.subList(0, 4));
            assertThat(queue.backlog().outstanding()).isEqualTo(1001);

            broker.cancel(cancelled);
            // An autoscaler reading the backlog must not start runners for work nobody wants.
            assertThat(queue.backlog().outstanding()).as("the other job's five tasks").isEqualTo(5);
            assertThat(queue.backlog().ready()).isEqualTo(5);
        }
    }

    @Test
    void cancellingAnEndedOrUnknownJobSaysSo(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            JobId id = broker.submit(Brokers.noop(redis, 1));
            assertThat(broker.cancel(id)).isEqualTo(CancelOutcome.CANCELLED);
            assertThat(broker.cancel(id)).isEqualTo(CancelOutcome.ALREADY_ENDED);
            assertThat(broker.cancel(new JobId(redis.queue(), "nosuchjob"))).isEqualTo(CancelOutcome.NOT_FOUND);
        }
    }
}
