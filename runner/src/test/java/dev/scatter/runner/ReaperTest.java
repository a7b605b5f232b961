package dev.scatter.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scatter.broker.Broker;
import dev.scatter.broker.testing.DedicatedRedis;
import dev.scatter.broker.testing.QueueClock;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The reaper alone: it takes back the leases of lost runners, and never before its own runner has renewed. */
@ExtendWith(RealRedis.class)
class ReaperTest {

    @Test
    void afterAnOutageItWaitsForItsOwnRunnersRenewalThenRecoversForAll(@DedicatedRedis RedisFixture redis) {
        QueueClock clock = new QueueClock().bind(redis);
        try (Broker broker = Broker.connect(redis.uri())) {
            RunnerConfig config = Roles.config(redis, Roles.LEASE);
            Roles.hold(broker, redis, new Holdings(), 2, Roles.LEASE);  // a runner that will die
            Holdings own = new Holdings();
            Roles.hold(broker, redis, own, 1, Roles.LEASE);
            OutageLog outage = Roles.outage(broker, () -> { });
            LeaseKeeper ownLeases = new LeaseKeeper(broker, config, own, outage, RunnerMetrics.inMemory());
            Reaper reaper = new Reaper(broker, config, outage, RunnerMetrics.inMemory(), ownLeases);

            redis.server().stop();
            assertThat(ownLeases.renewAll()).isFalse();
            redis.server().start();
            clock.advance(Duration.ofSeconds(31));

            assertThat(reaper.recoverAll()).as("its own runner's leases are behind: they come first").isFalse();
            assertThat(broker.queue(redis.queue()).backlog().inFlight()).isEqualTo(3);

            assertThat(ownLeases.renewAll()).isTrue();
            assertThat(reaper.recoverAll()).isTrue();
            assertThat(broker.queue(redis.queue()).backlog().inFlight()).as("only its own lease is left").isEqualTo(1);
        }
    }
}
