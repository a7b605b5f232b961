package dev.scatter.broker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * A sharded job read as one job: its own record (on its queue) with its shards' counters summed, its start the
 * first shard's, and, while it waits for its shards, the state they add up to: queued until one starts, failed
 * once every shard has ended and one of them failed (a retry of its dead tasks makes it running again), else
 * running. Once its reduce is queued, its own state is the job's. One pipelined round trip for all the shards
 * (one per node in a Redis Cluster).
 */
final class ShardedStatus {

    private static final String[] FIELDS = {"state", "succeeded", "failed", "retries", "recovered", "handedBack",
            "startedAt", "finishedAt", "firstError"};

    private ShardedStatus() {
    }

    static JobStatus read(UnifiedJedis redis, JobStatus job, Map<String, String> hash) {
        List<Shard> shards = Shard.of(job.id().id(), hash);
        if (shards.isEmpty()) {
            return job;
        }
        List<Response<List<String>>> records = new ArrayList<>(shards.size());
        List<Response<String>> entries = new ArrayList<>(shards.size());
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (Shard shard : shards) {
                QueueKeys keys = new QueueKeys(shard.job().queue());
                records.add(pipeline.hmget(keys.job(shard.job().id()), FIELDS));
                entries.add(pipeline.hget(keys.active(), shard.job().id()));
            }
            pipeline.sync();
        }
        long succeeded = 0;
        long failed = 0;
        long retries = 0;
        long recovered = 0;
        long handedBack = 0;
        Instant startedAt = job.startedAt();
        Instant finishedAt = null;
        boolean anyStarted = false;
        boolean allEnded = true;
        String failure = null;
        for (int i = 0; i < shards.size(); i++) {
            List<String> f = records.get(i).get();
            String entry = entries.get(i).get();
            if (f.get(0) == null) {
                allEnded = false;
                continue;
            }
            succeeded += number(f.get(1));
            failed += number(f.get(2));
            retries += number(f.get(3));
            recovered += number(f.get(4));
            handedBack += number(f.get(5));
            String state = entry != null ? entry.substring(0, Math.max(0, entry.indexOf('|'))) : f.get(0);
            String started = entry != null && entry.split("\\|").length > 1 ? entry.split("\\|")[1] : f.get(6);
            Instant start = instant(started);
            if (start != null && (startedAt == null || start.isBefore(startedAt))) {
                startedAt = start;
            }
            anyStarted |= !state.equals("queued");
            if (entry != null) {
                allEnded = false;
            } else {
                Instant end = instant(f.get(7));
                if (end != null && (finishedAt == null || end.isAfter(finishedAt))) {
                    finishedAt = end;
                }
                if (!state.equals("succeeded") && failure == null) {
                    failure = "shard " + i + " " + state + (f.get(8) == null ? "" : ": " + f.get(8));
                }
            }
        }
        JobState state = job.state();
        String error = job.error();
        Instant finished = job.finishedAt();
        if (state == JobState.RUNNING) {
            if (allEnded && failure != null) {
                state = JobState.FAILED;
                error = error != null ? error : failure;
                finished = finishedAt;
            } else if (!anyStarted) {
                state = JobState.QUEUED;
            }
        }
        return new JobStatus(job.id(), job.kind(), job.paramsJson(), state, job.total(), (int) succeeded, (int) failed,
                job.maxAttempts(), job.maxRecoveries(), retries, recovered, handedBack, job.createdAt(), startedAt,
                finished, job.result(), error, job.broken(), shards.size());
    }

    private static long number(String value) {
        try {
            return value == null ? 0 : Math.max(0, Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Instant instant(String millis) {
        long value = number(millis);
        return value == 0 ? null : Instant.ofEpochMilli(value);
    }
}
