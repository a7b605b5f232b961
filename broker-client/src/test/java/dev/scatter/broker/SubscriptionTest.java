package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Wake-ups and job-end notices arrive, and subscriptions never disturb the connections commands use. */
@ExtendWith(RealRedis.class)
class SubscriptionTest {

    @Test
    void idleListenersHearOfNewWorkAndOfJobsEnding(RedisFixture redis) throws Exception {
        try (Broker broker = Broker.connect(redis.uri())) {
            AtomicInteger wakes = new AtomicInteger();
            CountDownLatch subscribed = new CountDownLatch(1);
            List<String> ended = new CopyOnWriteArrayList<>();
            try (ChannelSubscription work = broker.onWork(List.of(redis.queue()), wakes::incrementAndGet, subscribed::countDown);
                 ChannelSubscription done = broker.onJobEnd(redis.queue(), ended::add)) {
                assertThat(subscribed.await(10, TimeUnit.SECONDS)).isTrue();
                JobId id = broker.submit(JobSpec.of("noop", "{}", 1).withQueue(redis.queue()));
                await().atMost(Duration.ofSeconds(5)).until(() -> wakes.get() > 0);

                // The job-end subscription may still be being set up: end jobs until a notice arrives.
                List<String> cancelled = new CopyOnWriteArrayList<>();
                broker.cancel(id);
                cancelled.add(id.id());
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    if (!ended.isEmpty()) {
                        return true;
                    }
                    JobId next = broker.submit(JobSpec.of("noop", "{}", 1).withQueue(redis.queue()));
                    broker.cancel(next);
                    cancelled.add(next.id());
                    return false;
                });
                assertThat(cancelled).containsAll(ended);
            }
        }
    }

    @Test
    void subscriptionsOpenedAndClosedAtOnceLeaveCommandsUndisturbed(RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri())) {
            TaskQueue queue = broker.queue(redis.queue());
            for (int i = 0; i < 200; i++) {
                try (ChannelSubscription s = broker.onWork(List.of(redis.queue(), redis.queue() + "-b"), () -> { }, () -> { })) {
                    assertThat(queue.backlog().ready()).isZero();
                }
                assertThat(queue.claim(5, Duration.ofSeconds(30), "noop")).isEmpty();
            }
        }
    }
}
