package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

/** Listing a queue's jobs by page, counting them, and finding those that have not ended, by state. */
@ExtendWith(RealRedis.class)
class JobListingTest {

    @Test
    void pagesFollowTheIndexAndActiveJobsAreFoundByTheirState(RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri())) {
            TaskQueue queue = broker.queue(redis.queue());
            List<JobId> ids = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                ids.add(broker.submit(JobSpec.of("noop", "{}", 1).withQueue(redis.queue())));
            }
            broker.cancel(ids.get(0));
            queue.claim(1, Duration.ofMinutes(1), List.of("noop"));

            assertThat(queue.jobCount()).isEqualTo(12);
            List<JobId> all = queue.jobs(12).stream().map(JobStatus::id).toList();
            assertThat(all).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(queue.jobs(5, 5).stream().map(JobStatus::id).toList()).isEqualTo(all.subList(5, 10));
            assertThat(queue.jobs(10, 5)).hasSize(2);

            assertThat(queue.activeJobs(100)).hasSize(11);
            List<JobStatus> running = queue.activeJobs(100, JobState.RUNNING);
            assertThat(running).hasSize(1).allMatch(j -> j.state() == JobState.RUNNING);
            assertThat(queue.activeJobs(100, JobState.QUEUED)).hasSize(10);
            assertThat(queue.activeJobs(3, JobState.QUEUED)).hasSize(3);
        }
    }

    @Test
    void anIndexEntryThatIsNotAnIdIsSkippedNotFatal(RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri()); RedisClient raw = RedisClient.create(redis.uri())) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId job = broker.submit(JobSpec.of("noop", "{}", 1).withQueue(redis.queue()));
            raw.zadd(queue.keys().jobs(), 1, "<script>x</script>");
            raw.hset(queue.keys().job("<script>x</script>"), "kind", "noop");
            assertThat(queue.jobs(10)).extracting(JobStatus::id).containsExactly(job);
        }
    }
}
