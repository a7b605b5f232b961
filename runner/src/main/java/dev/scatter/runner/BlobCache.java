package dev.scatter.runner;

import dev.scatter.broker.Broker;
import dev.scatter.task.BlobStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The runner's cache of shared data (datasets): fetched from Redis once, then served from memory to every task
 * that needs it, least recently used first out when the cache passes its size.
 */
final class BlobCache {

    private static final long MAX_BYTES = 512L << 20;

    private final Broker broker;
    private final Map<String, byte[]> cache = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    BlobCache(Broker broker) {
        this.broker = broker;
    }

    /** The store a task of the given queue sees. */
    BlobStore forQueue(String queue) {
        return sha256 -> fetch(queue, sha256);
    }

    private Optional<byte[]> fetch(String queue, String sha256) {
        String key = queue + "/" + sha256;
        synchronized (this) {
            byte[] cached = cache.get(key);
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        Optional<byte[]> fetched = broker.fetchBlob(queue, sha256);
        fetched.ifPresent(data -> put(key, data));
        return fetched;
    }

    private synchronized void put(String key, byte[] data) {
        if (cache.put(key, data) == null) {
            bytes += data.length;
        }
        var oldest = cache.entrySet().iterator();
        while (bytes > MAX_BYTES && oldest.hasNext()) {
            var entry = oldest.next();
            if (entry.getKey().equals(key)) {
                continue;
            }
            bytes -= entry.getValue().length;
            oldest.remove();
        }
    }
}
