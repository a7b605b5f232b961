package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scatter.broker.testing.QueueClock;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

/**
 * Time is Redis's, counted per queue only while calls reach it: a host's clock decides nothing, and an outage of
 * any length takes no time off a lease.
 */
@Tag("protocol")
@ExtendWith(RealRedis.class)
class QueueTimeTest {

    private final QueueClock clock = new QueueClock();

    @Test
    void anOutageOfAnyLengthTakesNoTimeOffALease(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            broker.submit(Brokers.noop(redis, 2));
            List<ClaimedTask> held = queue.claim(2, Duration.ofSeconds(30), "noop");

            // For an hour no call reaches the queue (Redis down, or every runner cut off), then one does.
            clock.pretendNobodyCalledFor(Duration.ofHours(1));
            assertThat(queue.recover(100).didAnything()).as("nobody's lease ran out during the outage").isFalse();
            assertThat(queue.renew(held, Duration.ofSeconds(30))).as("the holder renews once back").isEmpty();

            // Time runs again once calls come back.
            clock.advance(Duration.ofSeconds(31));
            assertThat(queue.recover(100).requeued()).isEqualTo(2);
        }
    }

    @Test
    void aShortPauseBetweenCallsCountsInFull(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            broker.submit(Brokers.noop(redis, 1));
            queue.claim(1, Duration.ofSeconds(1), "noop");
            // 1.5 s between two calls is a queue at rest, not an outage: it counts.
            clock.pretendNobodyCalledFor(Duration.ofMillis(1500));
            assertThat(queue.recover(100).requeued()).isEqualTo(1);
        }
    }

    @Test
    void aHostWhoseClockIsAnHourAheadExpiresNothingEarly(RedisFixture redis) {
        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
        try (Broker correct = Brokers.connect(redis, clock);
             Broker skewed = Broker.connect(RedisUri.parse(redis.uri()), BrokerOptions.DEFAULTS.withClock(ahead))) {
            correct.submit(Brokers.noop(redis, 2));
            TaskQueue a = correct.queue(redis.queue());
            TaskQueue b = skewed.queue(redis.queue());
            a.claim(1, Duration.ofSeconds(30), "noop");
            assertThat(b.recover(100).didAnything()).as("A's lease is not B's to judge").isFalse();

            ClaimedTask failing = b.claim(1, Duration.ofSeconds(30), "noop").get(0);
            b.fail(List.of(TaskFailure.retryable(failing, "flaky")));
            assertThat(b.recover(100).promoted()).as("the back-off is timed by Redis too").isZero();
        }
    }

    @Test
    void aRenewalNeverShortensALease(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            broker.submit(Brokers.noop(redis, 1));
            List<ClaimedTask> held = queue.claim(1, Duration.ofSeconds(60), "noop");
            // A slow renewal asking for less arrives after the claim: the lease keeps its minute.
            assertThat(queue.renew(held, Duration.ofSeconds(10))).isEmpty();
            clock.advance(Duration.ofSeconds(30));
            assertThat(queue.recover(100).didAnything()).isFalse();
            clock.advance(Duration.ofSeconds(31));
            assertThat(queue.recover(100).requeued()).isEqualTo(1);
        }
    }

    @Test
    void aJobsTimesAreRedissEvenWhenTheSubmittingHostIsWrong(RedisFixture redis) {
        Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofDays(-30));
        try (Broker broker = Broker.connect(RedisUri.parse(redis.uri()), BrokerOptions.DEFAULTS.withClock(behind))) {
            Instant before = Instant.now().minusSeconds(5);
            JobId id = broker.submit(Brokers.noop(redis, 1));
            TaskQueue queue = broker.queue(redis.queue());
            Brokers.completeWithIndex(queue, queue.claim(1, Brokers.LEASE, "noop"));
            queue.complete(List.of(new TaskCompletion(queue.claim(1, Brokers.LEASE, "noop").get(0), "{}")));

            JobStatus status = broker.status(id).orElseThrow();
            assertThat(status.createdAt()).isAfter(before);
            assertThat(status.startedAt()).isAfterOrEqualTo(status.createdAt());
            assertThat(status.finishedAt()).isAfterOrEqualTo(status.startedAt());
        }
    }

    @Test
    void aRunningJobShowsWhenItStarted(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock)) {
            JobId id = broker.submit(Brokers.noop(redis, 2));
            assertThat(broker.status(id).orElseThrow().state()).isEqualTo(JobState.QUEUED);
            assertThat(broker.status(id).orElseThrow().startedAt()).isNull();
            broker.queue(redis.queue()).claim(1, Brokers.LEASE, "noop");
            JobStatus status = broker.status(id).orElseThrow();
            assertThat(status.state()).isEqualTo(JobState.RUNNING);
            assertThat(status.startedAt()).isAfterOrEqualTo(status.createdAt());
        }
    }

    @Test
    void everyQueueScriptOpensWithTheSameClock() throws IOException {
        String prelude = prelude(LuaScript.CLAIM);
        assertThat(prelude).contains("redis.call('TIME')").contains("gap <= 2000");
        for (LuaScript script : LuaScript.values()) {
            if (script != LuaScript.BEAT) {
                assertThat(prelude(script)).as(script.fileName()).isEqualTo(prelude);
                assertThat(script.source()).as(script.fileName()).contains("KEYS[1]  clock (hash)");
            }
        }
    }

    private static String prelude(LuaScript script) throws IOException {
        try (InputStream in = LuaScript.class.getResourceAsStream("scripts/" + script.fileName())) {
            String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int from = source.indexOf("-- The queue's clock");
            int to = source.indexOf("redis.call('HSET', KEYS[1], 'real', real, 'queue', now)");
            return from < 0 || to < 0 ? "" : source.substring(from, to);
        }
    }

    @Test
    void theClockIsOneHashOfTheQueue(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock); RedisClient raw = RedisClient.create(redis.uri())) {
            broker.submit(Brokers.noop(redis, 1));
            assertThat(raw.hgetAll(broker.queue(redis.queue()).keys().clock())).containsOnlyKeys("real", "queue");
        }
    }
}
