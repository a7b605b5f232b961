package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import dev.scatter.broker.testing.SentinelRedis;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code --min-replicas}: submit, settle and cancel wait (Redis WAIT) until that many replicas have the write. */
@ExtendWith(RealRedis.class)
class MinReplicasTest {

    private static final Duration LEASE = Duration.ofSeconds(30);

    @Test
    void aServerWithoutReplicasCannotAcknowledgeAWrite(RedisFixture redis) {
        BrokerOptions options = BrokerOptions.DEFAULTS.withPool(4, Duration.ofSeconds(2), Duration.ofSeconds(1))
                .withMinReplicas(1);
        try (Broker broker = Broker.connect(RedisUri.parse(redis.uri()), options)) {
            assertThatThrownBy(() -> broker.submit(JobSpec.of("noop", "{}", 1).withQueue(redis.queue())))
                    .isInstanceOfSatisfying(BrokerUnavailableException.class, e -> assertThat(e.condition())
                            .isEqualTo(BrokerUnavailableException.Condition.NO_REPLICAS))
                    .hasMessageContaining("0 of the 1 replicas");
            // Reads and claims do not wait.
            assertThat(broker.queue(redis.queue()).claim(1, LEASE, "noop")).hasSize(1);
        }
    }

    @Test
    void aReplicaAcknowledgesEveryWriteThatCounts() {
        try (SentinelRedis redis = new SentinelRedis();
             Broker broker = Broker.connect(RedisUri.parse(redis.uri()), BrokerOptions.DEFAULTS.withMinReplicas(1))) {
            TaskQueue queue = broker.queue("durable");
            JobId id = broker.submit(JobSpec.of("noop", "{}", 2).withQueue("durable"));
            List<ClaimedTask> tasks = queue.claim(2, LEASE, "noop");
            assertThat(queue.complete(List.of(new TaskCompletion(tasks.get(0), "1"))))
                    .containsExactly(ReturnCode.COUNTED);
            assertThat(broker.cancel(id)).isNotNull();
            assertThat(broker.status(id).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        }
    }
}
