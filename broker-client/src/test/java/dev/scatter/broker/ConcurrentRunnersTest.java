package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runners racing on one queue never lease the same task twice, and the last of them starts one reduce. */
@Tag("protocol")
@ExtendWith(RealRedis.class)
class ConcurrentRunnersTest {

    @Test
    void concurrentClaimsNeverOverlapAndEveryTaskIsCountedOnce(RedisFixture redis) throws Exception {
        int tasks = 20_000;
        int runners = 4;
        try (Broker broker = Broker.connect(redis.uri())) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId id = broker.submit(Brokers.noop(redis, tasks));
            Set<Integer> leased = ConcurrentHashMap.newKeySet();
            AtomicInteger overlaps = new AtomicInteger();
            AtomicInteger counted = new AtomicInteger();
            AtomicInteger reduces = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(runners);
            List<Future<?>> futures = new ArrayList<>();
            for (int r = 0; r < runners; r++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    List<ClaimedTask> batch;
                    while (!(batch = queue.claim(1 + (int) (Math.random() * 200), Duration.ofMinutes(5), "noop")).isEmpty()) {
                        List<TaskCompletion> done = new ArrayList<>();
                        for (ClaimedTask t : batch) {
                            if (t.isReduce()) {
                                reduces.incrementAndGet();
                                done.add(new TaskCompletion(t, "{}"));
                            } else {
                                if (!leased.add(t.index())) {
                                    overlaps.incrementAndGet();
                                }
                                done.add(new TaskCompletion(t, "1"));
                            }
                        }
                        counted.addAndGet((int) queue.complete(done).stream().filter(c -> c == ReturnCode.COUNTED).count());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();

            assertThat(overlaps.get()).isZero();
            assertThat(leased).hasSize(tasks);
            // The reduce may be queued after a runner found the queue empty; take it if so.
            for (ClaimedTask t : queue.claim(10, Duration.ofMinutes(5), "noop")) {
                reduces.incrementAndGet();
                counted.addAndGet((int) queue.complete(List.of(new TaskCompletion(t, "{}"))).stream()
                        .filter(c -> c == ReturnCode.COUNTED).count());
            }
            assertThat(reduces.get()).isEqualTo(1);
            assertThat(counted.get()).isEqualTo(tasks + 1);
            JobStatus status = broker.status(id).orElseThrow();
            assertThat(status.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(status.succeeded()).isEqualTo(tasks);
        }
    }
}
