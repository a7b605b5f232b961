package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scatter.broker.testing.QueueClock;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

/** settle-8 keeps each task's last settled attempt in the job's task records, which live and die with the job. */
@Tag("protocol")
@ExtendWith(RealRedis.class)
class TaskRecordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final QueueClock clock = new QueueClock();

    @Test
    void aSucceededJobKeepsEachTasksRecordWithItsResultUntilItsTtl(RedisFixture redis) throws Exception {
        try (Broker broker = Brokers.connect(redis, clock); RedisClient raw = RedisClient.create(URI.create(redis.uri()))) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId id = broker.submit(Brokers.noop(redis, 2).withMaxAttempts(3).withResultTtl(Duration.ofHours(2)));
            List<ClaimedTask> first = queue.claim(2, Brokers.LEASE, "noop");
            queue.fail(List.of(new TaskFailure(first.get(1), "flaky: try again", false,
                    TaskRecords.info("r1", 40, "flaky: try again"))));
            JsonNode retrying = record(broker, id, 1);
            assertThat(retrying.path("state").asText()).isEqualTo("retrying");
            assertThat(retrying.path("error").asText()).isEqualTo("flaky: try again");
            assertThat(queue.complete(List.of(new TaskCompletion(first.get(0), "{\"x\":0.1}",
                    TaskRecords.info("r1", 52, null))))).containsExactly(ReturnCode.COUNTED);

            clock.advance(Duration.ofMinutes(5));
            queue.recover(100);
            ClaimedTask again = queue.claim(1, Brokers.LEASE, "noop").get(0);
            queue.complete(List.of(new TaskCompletion(again, "{\"x\":1e300}", TaskRecords.info("r2", 7, null))));
            ClaimedTask reduce = queue.claim(1, Brokers.LEASE, "noop").get(0);
            queue.complete(List.of(new TaskCompletion(reduce, "{}")));

            assertThat(broker.status(id).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(raw.exists(queue.keys().results(id.id()))).as("partial results are dropped").isFalse();
            JsonNode zero = record(broker, id, 0);
            assertThat(zero.path("state").asText()).isEqualTo("succeeded");
            assertThat(zero.path("attempt").asInt()).isEqualTo(1);
            assertThat(zero.path("runner").asText()).isEqualTo("r1");
            assertThat(zero.path("ms").asLong()).isEqualTo(52);
            assertThat(zero.path("result").path("x").asDouble()).isEqualTo(0.1);
            JsonNode one = record(broker, id, 1);
            assertThat(one.path("attempt").asInt()).as("the last settled attempt").isEqualTo(2);
            assertThat(one.path("runner").asText()).isEqualTo("r2");
            assertThat(one.has("error")).isFalse();
            assertThat(raw.ttl(queue.keys().tasks(id.id()))).isBetween(7_000L, 7_200L);
        }
    }

    @Test
    void aRecordTooLargeForItsResultIsKeptWithoutItAndMalformedInfoIsIgnored(RedisFixture redis) throws Exception {
        try (Broker broker = Brokers.connect(redis, clock)) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId id = broker.submit(Brokers.noop(redis, 2));
            List<ClaimedTask> tasks = queue.claim(2, Brokers.LEASE, "noop");
            String big = "\"" + "y".repeat(TaskRecords.MAX_RECORD_BYTES) + "\"";
            queue.complete(List.of(new TaskCompletion(tasks.get(0), big, TaskRecords.info("r1", 3, null)),
                    new TaskCompletion(tasks.get(1), "1", "{\"runner\": oops")));
            JsonNode zero = record(broker, id, 0);
            assertThat(zero.path("state").asText()).isEqualTo("succeeded");
            assertThat(zero.has("result")).isFalse();
            assertThat(zero.path("runner").asText()).isEqualTo("r1");
            JsonNode one = record(broker, id, 1);
            assertThat(one.has("runner")).isFalse();
            assertThat(one.path("result").asInt()).isEqualTo(1);
        }
    }

    @Test
    void cancelExpiresTheRecordsAndRetryKeepsThem(RedisFixture redis) throws Exception {
        try (Broker broker = Brokers.connect(redis, clock); RedisClient raw = RedisClient.create(URI.create(redis.uri()))) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId cancelled = broker.submit(Brokers.noop(redis, 3));
            ClaimedTask done = queue.claim(1, Brokers.LEASE, "noop").get(0);
            queue.complete(List.of(new TaskCompletion(done, "1", TaskRecords.info("r1", 1, null))));
            broker.cancel(cancelled);
            assertThat(raw.ttl(queue.keys().tasks(cancelled.id()))).isPositive();
            assertThat(record(broker, cancelled, 0).path("state").asText()).isEqualTo("succeeded");

            JobId failed = broker.submit(Brokers.noop(redis, 1).withMaxAttempts(1));
            ClaimedTask task = queue.claim(1, Brokers.LEASE, "noop").get(0);
            queue.fail(List.of(new TaskFailure(task, "boom", false, TaskRecords.info("r1", 9, "boom"))));
            assertThat(broker.status(failed).orElseThrow().state()).isEqualTo(JobState.FAILED);
            assertThat(record(broker, failed, 0).path("state").asText()).isEqualTo("dead");
            assertThat(raw.ttl(queue.keys().tasks(failed.id()))).isPositive();
            broker.retryDead(failed);
            assertThat(raw.ttl(queue.keys().tasks(failed.id()))).as("a reopened job's records stay").isEqualTo(-1);
        }
    }

    @Test
    void anInfoIsAJsonObjectWhateverTheRunnersName() throws Exception {
        assertThat(JSON.readTree(TaskRecords.info("r-1.host:7@x", 5, null)).path("runner").asText())
                .isEqualTo("r-1.host:7@x");
        JsonNode odd = JSON.readTree(TaskRecords.info("a\"b}", 5, "boom"));
        assertThat(odd.path("runner").asText()).isEqualTo("a\"b}");
        assertThat(odd.path("error").asText()).isEqualTo("boom");
        assertThat(TaskRecords.checkedInfo("{\"runner\": oops}")).isEmpty();
        assertThat(TaskRecords.checkedInfo(TaskRecords.info("r1", 3, null))).isEqualTo("{\"runner\":\"r1\",\"ms\":3}");
    }

    private static JsonNode record(Broker broker, JobId id, int task) throws Exception {
        Map<Integer, String> records = broker.taskRecords(id, broker.status(id).orElseThrow().total());
        assertThat(records).containsKey(task);
        return JSON.readTree(records.get(task));
    }
}
