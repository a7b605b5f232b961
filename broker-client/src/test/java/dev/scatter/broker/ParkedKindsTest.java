package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scatter.broker.testing.QueueClock;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A runner takes only tasks of kinds it runs: others are set aside for runners of their kind, with no attempt
 * charged and no lease to churn, so a mixed fleet (a plug-in on some hosts only, a rolling deploy) loses nothing.
 */
@Tag("protocol")
@ExtendWith(RealRedis.class)
class ParkedKindsTest {

    private final QueueClock clock = new QueueClock();

    @Test
    void tasksOfAKindARunnerDoesNotRunWaitForARunnerThatDoes(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId plugin = broker.submit(JobSpec.of("collatz", "{}", 10).withQueue(redis.queue()).withMaxAttempts(1));
            JobId noop = broker.submit(Brokers.noop(redis, 3));

            TaskQueue.ClaimBatch old = queue.claim(100, Brokers.LEASE, List.of("noop", "pi"));
            assertThat(old.tasks()).extracting(t -> t.job().id()).containsOnly(noop.id());
            assertThat(old.parked()).as("the collatz range, set aside whole").isEqualTo(1);
            assertThat(queue.claim(100, Brokers.LEASE, List.of("noop")).tasks()).as("no tight loop over it").isEmpty();
            QueueBacklog backlog = queue.backlog();
            assertThat(backlog.ready()).as("parked tasks still wait").isEqualTo(10);
            assertThat(backlog.parked()).isEqualTo(1);

            List<ClaimedTask> taken = queue.claim(4, Brokers.LEASE, List.of("collatz")).tasks();
            assertThat(taken).extracting(ClaimedTask::index).containsExactly(0, 1, 2, 3);
            assertThat(taken).allSatisfy(t -> assertThat(t.attempt()).isEqualTo(1));
            assertThat(queue.claim(100, Brokers.LEASE, List.of("collatz")).tasks()).hasSize(6);
            assertThat(broker.status(plugin).orElseThrow().failed()).isZero();
            assertThat(queue.backlog().parked()).isZero();
        }
    }

    @Test
    void cancellingAJobDropsItsParkedTasks(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId plugin = broker.submit(JobSpec.of("collatz", "{}", 10).withQueue(redis.queue()));
            JobId other = broker.submit(JobSpec.of("collatz", "{}", 2).withQueue(redis.queue()));
            queue.claim(100, Brokers.LEASE, List.of("noop"));
            assertThat(queue.backlog().parked()).isEqualTo(2);

            broker.cancel(plugin);
            assertThat(queue.backlog().parked()).isEqualTo(1);
            assertThat(queue.backlog().ready()).isEqualTo(2);
            assertThat(queue.claim(100, Brokers.LEASE, List.of("collatz")).tasks())
                    .extracting(t -> t.job().id()).containsOnly(other.id());
        }
    }
}
