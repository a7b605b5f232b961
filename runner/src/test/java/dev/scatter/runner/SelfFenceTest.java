package dev.scatter.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scatter.broker.Broker;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fence alone: a task whose lease could not be renewed in time is stopped at once and handed back. */
@ExtendWith(RealRedis.class)
class SelfFenceTest {

    @Test
    void aTaskIsStoppedOnceFiveSixthsOfItsLeasePassWithoutARenewal(RedisFixture redis) {
        Duration lease = Duration.ofSeconds(6);
        try (Broker broker = Broker.connect(redis.uri())) {
            Holdings holdings = new Holdings();
            List<Work> works = Roles.hold(broker, redis, holdings, 3, lease);
            Work stale = works.get(0);
            Work fresh = works.get(1);
            Work reporting = works.get(2);
            long now = System.nanoTime();
            stale.renewedAt = now - Duration.ofMillis(5_100).toNanos();
            fresh.renewedAt = now - Duration.ofMillis(4_900).toNanos();
            reporting.renewedAt = stale.renewedAt;
            reporting.takeOutcome();

            new SelfFence(holdings, lease).check();

            assertThat(stale.stop.isUrgent()).as("stopped at once: its next holder may start soon").isTrue();
            assertThat(stale.whenStopped).as("handed back, charging nothing").isEqualTo(Work.WhenStopped.HAND_BACK);
            assertThat(fresh.stop.isSet()).isFalse();
            assertThat(reporting.stop.isSet()).as("a finished task has nothing to stop").isFalse();
        }
    }
}
