package dev.scatter.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scatter.broker.Broker;
import dev.scatter.broker.BrokerUnavailableException;
import dev.scatter.broker.testing.QueueClock;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The lease keeper alone, against a real Redis: what it renews, what it stops, and what it says about Redis. */
@ExtendWith(RealRedis.class)
class LeaseKeeperTest {

    @Test
    void aFinishedTaskWhoseOutcomeWaitsToBeReportedKeepsItsLease(RedisFixture redis) {
        QueueClock clock = new QueueClock().bind(redis);
        try (Broker broker = Broker.connect(redis.uri())) {
            Holdings holdings = new Holdings();
            LeaseKeeper keeper = new LeaseKeeper(broker, Roles.config(redis, Roles.LEASE), holdings,
                    Roles.outage(broker, () -> { }), RunnerMetrics.inMemory());
            List<Work> works = Roles.hold(broker, redis, holdings, 2, Roles.LEASE);
            // The task is done, but Redis has not yet taken its result (an outage, a slow Redis, a full one).
            works.forEach(Work::takeOutcome);

            for (int i = 0; i < 9; i++) {
                clock.advance(Duration.ofSeconds(10));
                assertThat(keeper.renewAll()).isTrue();
            }
            assertThat(broker.queue(redis.queue()).recover(100).didAnything())
                    .as("90 s after the claim, the leases of results waiting to be reported still hold").isFalse();
        }
    }

    @Test
    void withNothingHeldItMakesNoCallAndSaysNothingAboutRedis(RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri())) {
            OutageLog outage = Roles.outage(broker, () -> { });
            outage.failed(new BrokerUnavailableException("cannot reach Redis", null));
            LeaseKeeper keeper = new LeaseKeeper(broker, Roles.config(redis, Roles.LEASE), new Holdings(), outage,
                    RunnerMetrics.inMemory());

            assertThat(keeper.renewAll()).isTrue();
            assertThat(outage.isDown()).as("no call was made: Redis is not known to be back").isTrue();
        }
    }

    @Test
    void aLeaseGoneStopsItsRunningTaskButNotOneWhoseResultIsBeingReported(RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri())) {
            Holdings holdings = new Holdings();
            LeaseKeeper keeper = new LeaseKeeper(broker, Roles.config(redis, Roles.LEASE), holdings,
                    Roles.outage(broker, () -> { }), RunnerMetrics.inMemory());
            List<Work> works = Roles.hold(broker, redis, holdings, 2, Roles.LEASE);
            Work running = works.get(0);
            Work reported = works.get(1);
            reported.takeOutcome();
            // Both leases end: the first because its job is cancelled, the second because its result landed.
            broker.queue(redis.queue()).complete(List.of(new dev.scatter.broker.TaskCompletion(reported.task, "1")));
            broker.cancel(running.task.job());

            keeper.renewAll();
            assertThat(running.stop.isSet()).isTrue();
            assertThat(holdings.get(running.task.leaseId())).as("not running: dropped at once").isNull();
            assertThat(reported.stop.isSet()).as("nothing to stop: its outcome is being reported").isFalse();
        }
    }
}
