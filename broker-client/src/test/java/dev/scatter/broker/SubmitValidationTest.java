package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What cannot run is refused at submit time, with the reason; nothing reaches Redis. */
@Tag("protocol")
@ExtendWith(RealRedis.class)
class SubmitValidationTest {

    @Test
    void oversizedParametersAreRefusedWithTheirSizeAndTheLimit(RedisFixture redis) {
        BrokerOptions options = BrokerOptions.DEFAULTS.withLimits(1000, 1000, 100);
        try (Broker broker = Broker.connect(RedisUri.parse(redis.uri()), options)) {
            String params = "{\"data\":\"" + "x".repeat(2000) + "\"}";
            assertThatThrownBy(() -> broker.submit(JobSpec.of("k", params, 1).withQueue(redis.queue())))
                    .isInstanceOf(PayloadTooLargeException.class)
                    .hasMessage("the job's parameters: 2011 bytes, over the limit of 1000 bytes");
            assertThat(broker.queue(redis.queue()).backlog().ready()).isZero();
        }
    }

    @Test
    void aResultThatWouldPassTheJobsLimitQuarantinesItsTaskOnceHoweverOftenItIsSent(RedisFixture redis) {
        BrokerOptions options = new BrokerOptions(1 << 20, 1 << 20, 300, 1_000_000, 1 << 20, 100, RetryPolicy.DEFAULT,
                4, Duration.ofSeconds(5), Duration.ofSeconds(10), java.time.Clock.systemUTC());
        try (Broker broker = Broker.connect(RedisUri.parse(redis.uri()), options)) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId id = broker.submit(JobSpec.of("k", "{}", 3).withQueue(redis.queue()));
            List<ClaimedTask> tasks = queue.claim(3, Duration.ofSeconds(30), "k");
            String big = "\"" + "y".repeat(200) + "\"";
            assertThat(queue.complete(List.of(new TaskCompletion(tasks.get(0), big)))).containsExactly(ReturnCode.COUNTED);
            assertThat(queue.complete(List.of(new TaskCompletion(tasks.get(1), big)))).containsExactly(ReturnCode.DEAD);
            // Sent again (a repeated call, a late copy): its lease is gone, and nothing is counted twice.
            assertThat(queue.complete(List.of(new TaskCompletion(tasks.get(1), big))))
                    .containsExactly(ReturnCode.LEASE_LOST);
            JobStatus status = broker.status(id).orElseThrow();
            assertThat(status.failed()).isEqualTo(1);
            assertThat(status.state()).isEqualTo(JobState.RUNNING);
            assertThat(queue.backlog().outstanding()).isEqualTo(1);
        }
    }

    @Test
    void errorTextsAreCutWithoutSplittingACharacter(RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri())) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId id = broker.submit(JobSpec.of("k", "{}", 1).withQueue(redis.queue()));
            ClaimedTask task = queue.claim(1, Duration.ofSeconds(30), "k").get(0);
            queue.fail(List.of(TaskFailure.permanent(task, "x" + "é".repeat(3000))));
            String error = broker.deadTasks(id).get(0).error();
            assertThat(error).endsWith("é...").doesNotContain("\uFFFD");
        }
    }

    @Test
    void oversizedResultsQuarantineTheTaskWithTheReason(RedisFixture redis) {
        BrokerOptions options = BrokerOptions.DEFAULTS.withLimits(1000, 100, 100);
        try (Broker broker = Broker.connect(RedisUri.parse(redis.uri()), options)) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId id = broker.submit(JobSpec.of("k", "{}", 1).withQueue(redis.queue()));
            ClaimedTask task = queue.claim(1, Duration.ofSeconds(30), "k").get(0);
            String big = "\"" + "y".repeat(200) + "\"";
            assertThat(queue.complete(List.of(new TaskCompletion(task, big)))).containsExactly(ReturnCode.DEAD);
            assertThat(broker.deadTasks(id)).singleElement().satisfies(d -> {
                assertThat(d.reason()).isEqualTo("was rejected");
                assertThat(d.error()).isEqualTo("the result: 202 bytes, over the limit of 100 bytes");
            });
        }
    }

    /** A kind name is stored in every job hash and dead entry, and named in every log line about a task. */
    @Test
    void kindNamesAreShortAndPlain(RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri())) {
            String q = redis.queue();
            for (String bad : List.of("k".repeat(65), "k".repeat(200_000), "two words", "new\nline", "a:b", "{q}", "")) {
                assertThatThrownBy(() -> broker.submit(JobSpec.of(bad, "{}", 50).withQueue(q)))
                        .isInstanceOf(InvalidJobException.class)
                        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200).doesNotContain("\n"));
            }
            assertThat(broker.submit(JobSpec.of("my-kind.v2_" + "k".repeat(53), "{}", 1).withQueue(q))).isNotNull();
            assertThat(broker.queue(q).backlog().ready()).isEqualTo(1);
        }
    }

    @Test
    void badSpecsAreRefusedWithTheReason(RedisFixture redis) {
        BrokerOptions options = BrokerOptions.DEFAULTS.withLimits(1000, 1000, 100);
        try (Broker broker = Broker.connect(RedisUri.parse(redis.uri()), options)) {
            String q = redis.queue();
            assertThatThrownBy(() -> broker.submit(JobSpec.of("k", "{}", 0).withQueue(q)))
                    .isInstanceOf(InvalidJobException.class).hasMessageContaining("at least 1 task");
            assertThatThrownBy(() -> broker.submit(JobSpec.of("k", "{}", 101).withQueue(q)))
                    .hasMessageContaining("at most 100 tasks");
            assertThatThrownBy(() -> broker.submit(JobSpec.of("k", "{not json", 1).withQueue(q)))
                    .hasMessageContaining("not valid JSON");
            assertThatThrownBy(() -> broker.submit(JobSpec.of("k", "[1,2]", 1).withQueue(q)))
                    .hasMessageContaining("JSON object");
            assertThatThrownBy(() -> broker.submit(JobSpec.of("k", "{}", 1).withQueue("bad queue")))
                    .hasMessageContaining("invalid queue name");
            assertThatThrownBy(() -> broker.submit(JobSpec.of("k", "{}", 1).withQueue(q).withMaxAttempts(0)))
                    .hasMessageContaining("max attempts");
            assertThatThrownBy(() -> broker.submit(JobSpec.of("k", "{}", 1).withQueue(q).withMaxAttempts(1001)))
                    .hasMessage("max attempts must be from 1 to 1000, not 1001");
            assertThatThrownBy(() -> broker.submit(JobSpec.of("k", "{}", 1).withQueue(q)
                    .withResultTtl(Duration.ofDays(4000)))).hasMessageContaining("from 1 s to 3650 days");
            assertThatThrownBy(() -> broker.submit(JobSpec.of("k", "{}", 1).withQueue(q)
                    .withResultTtl(Duration.ofMillis(500)))).hasMessageContaining("from 1 s to 3650 days");
            assertThat(broker.queue(q).backlog().ready()).isZero();
        }
    }
}
