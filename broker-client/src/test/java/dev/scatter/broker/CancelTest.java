package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;

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

    private final ManualClock clock = new ManualClock();

    @Test
    void aCancelledJobStopsItsRunnersAndLeavesNothingToRun(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock); RedisClient raw = RedisClient.create(URI.create(redis.uri()))) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId id = broker.submit(Brokers.noop(redis, 10));
            JobId other = broker.submit(Brokers.noop(redis, 2));
            List<ClaimedTask> running = queue.claim(3, Brokers.LEASE);
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
            List<ClaimedTask> left = queue.claim(100, Brokers.LEASE);
            assertThat(left).as("only the other job's tasks").allSatisfy(t -> assertThat(t.job()).isEqualTo(other));
            assertThat(left).hasSize(2);
            assertThat(queue.malformed(10)).isEmpty();
        }
    }

    @Test
    void aClaimLooksPastTheRefsOfACancelledJob(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId cancelled = broker.submit(Brokers.noop(redis, 25_000));
            JobId live = broker.submit(Brokers.noop(redis, 3));
            broker.cancel(cancelled);

            List<ClaimedTask> claimed = queue.claim(10, Brokers.LEASE);

            assertThat(claimed).hasSize(3).allSatisfy(t -> assertThat(t.job()).isEqualTo(live));
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
