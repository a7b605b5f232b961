package dev.scatter.kinds.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DatasetCacheTest {

    private static final Dataset DATA = new Dataset(List.of("x"), new double[][] {{1}, {2}}, new int[] {0, 1},
            List.of("a", "b"), null);

    @Test
    void concurrentTasksWaitForOneParse() throws Exception {
        DatasetCache cache = new DatasetCache(2);
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Dataset>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> cache.get("k", () -> {
                    loads.incrementAndGet();
                    release.await();
                    return DATA;
                })));
            }
            release.countDown();
            for (Future<Dataset> result : results) {
                assertThat(result.get()).isSameAs(DATA);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(loads).hasValue(1);
    }

    @Test
    void failuresAreNotCachedAndTheLeastRecentlyUsedGoesFirst() throws Exception {
        DatasetCache cache = new DatasetCache(2);
        assertThatThrownBy(() -> cache.get("k", () -> {
            throw new java.io.IOException("unreadable");
        })).hasMessage("unreadable");
        assertThat(cache.get("k", () -> DATA)).isSameAs(DATA);
        AtomicInteger loads = new AtomicInteger();
        cache.get("a", () -> DATA);
        cache.get("k", () -> DATA);  // k is now more recent than a
        cache.get("b", () -> DATA);  // evicts a
        cache.get("k", () -> {
            loads.incrementAndGet();
            return DATA;
        });
        cache.get("a", () -> {
            loads.incrementAndGet();
            return DATA;
        });
        assertThat(loads).hasValue(1);
    }
}
