package dev.scatter.broker;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * The parameters of the jobs a runner meets, read once per job: they never change, and claim-7 does not return
 * them (it reads only keys it declares, and a job's hash is not one of them). Bounded: the least recently used
 * go first.
 */
final class JobParams {

    private static final int CAPACITY = 1024;

    private final QueueKeys keys;
    private final UnifiedJedis redis;
    private final RedisErrors errors;
    private final Map<String, String> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CAPACITY;
        }
    };

    JobParams(QueueKeys keys, UnifiedJedis redis, RedisErrors errors) {
        this.keys = keys;
        this.redis = redis;
        this.errors = errors;
    }

    /** The params of each job, by id; null for a job whose hash is gone. One pipelined round trip for new jobs. */
    Map<String, String> of(Collection<String> jobIds) {
        Map<String, String> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        synchronized (cache) {
            for (String id : jobIds) {
                String params = cache.get(id);
                if (params != null) {
                    found.put(id, params);
                } else {
                    missing.add(id);
                }
            }
        }
        if (missing.isEmpty()) {
            return found;
        }
        List<Response<String>> replies = new ArrayList<>(missing.size());
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (String id : missing) {
                replies.add(pipeline.hget(keys.job(id), "params"));
            }
            pipeline.sync();
        } catch (RuntimeException e) {
            throw errors.translate(e, "reading the parameters of " + missing.size() + " jobs");
        }
        synchronized (cache) {
            for (int i = 0; i < missing.size(); i++) {
                String params = replies.get(i).get();
                found.put(missing.get(i), params);
                if (params != null) {
                    cache.put(missing.get(i), params);
                }
            }
        }
        return found;
    }
}
