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
    private final Map<String, Job> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Job> eldest) {
            return size() > CAPACITY;
        }
    };

    JobParams(QueueKeys keys, UnifiedJedis redis, RedisErrors errors) {
        this.keys = keys;
        this.redis = redis;
        this.errors = errors;
    }

    /**
     * What a task of a job needs of its job's record: its parameters and, for a shard of a sharded job, where the
     * shard's tasks start in the whole job and how many tasks that has (0 and -1 for any other job).
     */
    record Job(String params, int offset, int jobTotal) {
    }

    /** Each job's, by id; null for a job whose hash is gone. One pipelined round trip for new jobs. */
    Map<String, Job> of(Collection<String> jobIds) {
        Map<String, Job> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        synchronized (cache) {
            for (String id : jobIds) {
                Job job = cache.get(id);
                if (job != null) {
                    found.put(id, job);
                } else {
                    missing.add(id);
                }
            }
        }
        if (missing.isEmpty()) {
            return found;
        }
        List<Response<List<String>>> replies = new ArrayList<>(missing.size());
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (String id : missing) {
                replies.add(pipeline.hmget(keys.job(id), "params", "offset", "jobTotal"));
            }
            pipeline.sync();
        } catch (RuntimeException e) {
            throw errors.translate(e, "reading the parameters of " + missing.size() + " jobs");
        }
        synchronized (cache) {
            for (int i = 0; i < missing.size(); i++) {
                List<String> f = replies.get(i).get();
                Job job = f.get(0) == null ? null : new Job(f.get(0), number(f.get(1), 0), number(f.get(2), -1));
                found.put(missing.get(i), job);
                if (job != null) {
                    cache.put(missing.get(i), job);
                }
            }
        }
        return found;
    }

    private static int number(String value, int otherwise) {
        try {
            return value == null ? otherwise : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
