package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.scatter.broker.testing.DedicatedRedis;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

/**
 * A claim that ran in Redis but whose reply never reached its client (the connection lost mid-call) leaves leases
 * nobody holds. Left alone they would expire and be counted as lost runners, making innocent tasks suspects; the
 * client hands them back at its next call on the queue instead, charging nothing.
 */
@Tag("protocol")
@ExtendWith(RealRedis.class)
class LostClaimReplyTest {

    @Test
    void theLeasesOfAClaimWhoseReplyWasLostAreHandedBackChargingNothing(@DedicatedRedis RedisFixture redis)
            throws InterruptedException {
        BrokerOptions impatient = BrokerOptions.DEFAULTS.withPool(4, Duration.ofSeconds(2), Duration.ofMillis(300));
        try (Broker broker = Broker.connect(RedisUri.parse(redis.uri()), impatient);
             RedisClient raw = RedisClient.create(URI.create(redis.uri()))) {
            TaskQueue queue = broker.queue(redis.queue());
            // claim-7 loaded first: a fresh Redis answers the first EVALSHA with NOSCRIPT, which would run nothing.
            assertThat(queue.claim(1, Duration.ofSeconds(30), List.of("noop")).tasks()).isEmpty();
            JobId id = broker.submit(Brokers.noop(redis, 10));

            // Redis busy for 1.5 s (a script that spins): the claim and its one repeat time out unanswered and run
            // once Redis reads them, their replies going to connections already closed.
            Thread busy = new Thread(() -> raw.eval("local t = redis.call('TIME') local start = t[1] * 1000 + t[2] / 1000"
                    + " repeat t = redis.call('TIME') until t[1] * 1000 + t[2] / 1000 - start > 1500 return 1"));
            busy.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> busy.getState() == Thread.State.RUNNABLE);
            assertThatThrownBy(() -> queue.claim(5, Duration.ofSeconds(30), List.of("noop")))
                    .isInstanceOf(BrokerUnavailableException.class);
            busy.join();
            await().atMost(Duration.ofSeconds(10)).until(() -> raw.zcard(queue.keys().leases()) > 0);
            List<String> orphans = raw.zrange(queue.keys().leases(), 0, -1);

            assertThat(queue.recover(100).requeued()).as("nothing has expired").isZero();
            assertThat(raw.zcard(queue.keys().leases())).as("handed back: " + orphans).isZero();
            JobStatus status = broker.status(id).orElseThrow();
            assertThat(status.handedBack()).isEqualTo(orphans.size());
            assertThat(status.recovered() + status.retries()).isZero();
            List<ClaimedTask> all = Brokers.claimAll(queue);
            assertThat(all).hasSize(10).allSatisfy(t -> {
                assertThat(t.attempt()).isEqualTo(1);
                assertThat(t.isSuspect()).isFalse();
            });
        }
    }
}
