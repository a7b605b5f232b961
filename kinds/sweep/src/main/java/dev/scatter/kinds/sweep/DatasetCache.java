package dev.scatter.kinds.sweep;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The parsed datasets a runner holds: every task of a sweep reads the same data, and parsing it again per task
 * would cost more than a small fit. Keyed by the data's hash and the columns used; at most a few datasets, least
 * recently used out first. Concurrent tasks wanting the same dataset wait for one parse.
 */
final class DatasetCache {

    private final int capacity;
    private final Map<String, CompletableFuture<Dataset>> entries = new LinkedHashMap<>(8, 0.75f, true);

    DatasetCache(int capacity) {
        this.capacity = capacity;
    }

    Dataset get(String key, Callable<Dataset> load) throws Exception {
        CompletableFuture<Dataset> future;
        boolean loader = false;
        synchronized (this) {
            future = entries.get(key);
            if (future == null) {
                future = new CompletableFuture<>();
                entries.put(key, future);
                loader = true;
                Iterator<Map.Entry<String, CompletableFuture<Dataset>>> oldest = entries.entrySet().iterator();
                while (entries.size() > capacity && oldest.hasNext()) {
                    if (oldest.next().getKey().equals(key)) {
                        continue;
                    }
                    oldest.remove();
                }
            }
        }
        if (loader) {
            try {
                future.complete(load.call());
            } catch (Throwable e) {
                // Not cached: the next task tries again (the data may be readable from there).
                synchronized (this) {
                    entries.remove(key, future);
                }
                future.completeExceptionally(e);
            }
        }
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
