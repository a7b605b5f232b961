package dev.scatter.broker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
            List<String> values = records.get(i).get();
            if (values.get(0) == null) {
                allEnded = false;
                continue;
            }
            Map<String, String> fields = new HashMap<>();
            for (int f = 0; f < FIELDS.length; f++) {
                if (values.get(f) != null) {
                    fields.put(FIELDS[f], values.get(f));
                }
            }
            // Read as any job is: its live state and start from the active entry while it runs, else its hash.
            String entry = entries.get(i).get();
            JobStatus shard = JobReader.read(shards.get(i).job(), fields, entry);
            succeeded += shard.succeeded();
            failed += shard.failed();
            retries += shard.retries();
            recovered += shard.recovered();
            handedBack += shard.handedBack();
            if (shard.startedAt() != null && (startedAt == null || shard.startedAt().isBefore(startedAt))) {
                startedAt = shard.startedAt();
            }
            anyStarted |= shard.state() != JobState.QUEUED;
            if (entry != null) {
                allEnded = false;
            } else {
                if (shard.finishedAt() != null && (finishedAt == null || shard.finishedAt().isAfter(finishedAt))) {
                    finishedAt = shard.finishedAt();
                }
                if (shard.state() != JobState.SUCCEEDED && failure == null) {
                    String why = fields.get("firstError");
                    failure = "shard " + i + " " + shard.state().wire() + (why == null ? "" : ": " + why);
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
}
