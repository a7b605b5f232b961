package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scatter.broker.testing.DedicatedRedis;
import dev.scatter.broker.testing.QueueClock;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With the append-only file on, a Redis crash loses nothing that was acknowledged. */
@Tag("protocol")
@ExtendWith(RealRedis.class)
class PersistenceTest {

    private final QueueClock clock = new QueueClock();

    @Test
    void aKilledRedisComesBackWithEveryAcknowledgedJobLeaseAndResult(@DedicatedRedis RedisFixture redis) {
        JobId id;
        List<ClaimedTask> leased;
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            id = broker.submit(Brokers.noop(redis, 100));
            leased = queue.claim(40, Brokers.LEASE, "noop");
            Brokers.completeWithIndex(queue, leased.subList(0, 30));
            queue.fail(List.of(TaskFailure.retryable(leased.get(30), "flaky")));

            redis.server().kill();
            redis.server().start();
        }
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            JobStatus status = broker.status(id).orElseThrow();
            assertThat(status.state()).isEqualTo(JobState.RUNNING);
            assertThat(status.succeeded()).isEqualTo(30);
            assertThat(status.retries()).isEqualTo(1);
            assertThat(broker.partialResults(id)).hasSize(30);
            QueueBacklog backlog = queue.backlog();
            assertThat(backlog.ready()).isEqualTo(60);
            assertThat(backlog.inFlight()).isEqualTo(9);
            assertThat(backlog.delayed()).isEqualTo(1);
            // Leases taken before the crash are still honoured after it.
            assertThat(queue.renew(leased.subList(31, 40), Brokers.LEASE)).isEmpty();
        }
    }

    @Test
    void scriptsAreLoadedAgainWhenRedisHasForgottenThem(@DedicatedRedis RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            broker.submit(Brokers.noop(redis, 2));
            redis.server().stop();
            redis.server().start();
            // A restarted Redis has an empty script cache: the next EVALSHA meets NOSCRIPT and reloads.
            assertThat(queue.claim(2, Brokers.LEASE, "noop")).hasSize(2);
        }
    }
}
