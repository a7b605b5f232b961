package dev.scatter.broker;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Jobs split over shards (docs/design.md, "One job over many nodes"): the job's record on its queue (parent-6),
 * a job of the same id on each shard's queue (submit-6) holding a contiguous range of its tasks, and the step that
 * tells the job a shard has ended (shard-end-8), whose last success queues the job's reduce exactly once.
 *
 * <p>The shards live in different hash slots, so no script sees them together: what spans them is done here,
 * shard by shard, each step safe to repeat. {@link #check} repairs what a process lost half-way leaves: a shard's
 * end not told (its runner died between the two calls), or a shard never written (its submit died).
 */
final class ShardedJobs {

    /** How old a sharded job must be before a shard it lacks counts as missing rather than not yet submitted. */
    static final long MISSING_AFTER_MILLIS = 60_000;

    private final Broker broker;
    private final UnifiedJedis redis;
    private final ScriptExecutor scripts;
    private final RedisErrors errors;

    ShardedJobs(Broker broker, UnifiedJedis redis, ScriptExecutor scripts, RedisErrors errors) {
        this.broker = broker;
        this.redis = redis;
        this.scripts = scripts;
        this.errors = errors;
    }

    /**
     * Writes the job's record, then each shard; a failure half-way cancels what was written (and were that to
     * fail too, {@link #check} ends the job as failed once its missing shard is a minute overdue).
     */
    void submit(JobId id, JobSpec spec, String params, String token) {
        List<String> queues = ShardQueues.names(spec.queue(), spec.shards());
        QueueKeys keys = new QueueKeys(spec.queue());
        String ttl = Long.toString(Math.max(1, spec.resultTtl().toSeconds()));
        SubmitReply reply = SubmitReply.of(scripts.run(LuaScript.PARENT,
                List.of(keys.clock(), keys.job(id.id()), keys.jobs(), keys.active(), keys.shardQueues(),
                        keys.sharded()),
                List.of(id.id(), spec.kind(), params, Integer.toString(spec.tasks()),
                        Integer.toString(spec.maxAttempts()), Integer.toString(spec.maxRecoveries()), ttl,
                        spec.queue(), token, String.join(" ", queues))));
        reply.requireCreated(id, spec.kind(), token);
        try {
            for (Shard shard : Shard.of(id.id(), spec.tasks(), queues)) {
                QueueKeys shardKeys = new QueueKeys(shard.job().queue());
                SubmitReply.of(scripts.run(LuaScript.SUBMIT,
                        List.of(shardKeys.clock(), shardKeys.job(id.id()), shardKeys.ready(), shardKeys.jobs(),
                                shardKeys.active(), shardKeys.counters()),
                        List.of(id.id(), spec.kind(), params, Integer.toString(shard.tasks()),
                                Integer.toString(spec.maxAttempts()), Integer.toString(spec.maxRecoveries()), ttl,
                                shardKeys.wakeChannel(), shard.job().queue(), token, spec.queue(),
                                Integer.toString(shard.index()), Integer.toString(shard.offset()),
                                Integer.toString(spec.tasks())))).requireCreated(id, spec.kind(), token);
            }
        } catch (RuntimeException e) {
            try {
                cancel(id);
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
    }

    /**
     * The job's shards, as its record names them; empty for a job that is not sharded (or does not exist), and for
     * a shard's own job, without a read.
     */
    List<Shard> shards(JobId id) {
        if (ShardQueues.isShard(id.queue())) {
            return List.of();
        }
        QueueKeys keys = new QueueKeys(id.queue());
        List<String> f = call("reading job " + id, () -> redis.hmget(keys.job(id.id()), "shardQueues", "total"));
        return Shard.of(id.id(), f.get(0), f.get(1));
    }

    /** Cancels every shard, then the job itself, whose outcome is the answer (a job not sharded: just the job). */
    CancelOutcome cancel(JobId id) {
        for (Shard shard : shards(id)) {
            broker.cancel(shard.job());
        }
        return broker.cancelOne(id);
    }

    /**
     * Gives the dead tasks of every shard, and the job's own (its reduce; all of a job not sharded), a fresh set of
     * attempts.
     */
    int retryDead(JobId id) {
        int revived = 0;
        for (Shard shard : shards(id)) {
            try {
                revived += broker.retryDead(shard.job());
            } catch (NothingToRetryException | JobNotFoundException e) {
                // an ended or expired shard has nothing to retry
            }
        }
        try {
            revived += broker.retryDeadOne(id);
        } catch (NothingToRetryException e) {
            if (revived == 0) {
                throw e;
            }
        }
        return revived;
    }

    /**
     * Tells the sharded job that {@code shard} (a shard's job) has ended, when it has: succeeded or failed. Safe to
     * call any number of times. Returns true when this call queued the job's reduce.
     */
    boolean shardEnded(JobId shard) {
        QueueKeys keys = new QueueKeys(shard.queue());
        List<String> f = call("reading shard " + shard, () -> redis.hmget(keys.job(shard.id()), "parent", "shard",
                "state", "startedAt", "firstError"));
        if (f.get(0) == null || f.get(1) == null || !("succeeded".equals(f.get(2)) || "failed".equals(f.get(2)))
                || !ShardQueues.parentOf(shard.queue()).equals(f.get(0))) {
            // Not a shard that has ended, or a record that does not say this shard's job (changed by hand?).
            return false;
        }
        return tell(new JobId(f.get(0), shard.id()), f.get(1), f.get(2), f.get(3), f.get(4)) == 1;
    }

    private long tell(JobId job, String index, String outcome, String startedAt, String why) {
        QueueKeys keys = new QueueKeys(job.queue());
        return Replies.number(scripts.run(LuaScript.SHARD_END,
                List.of(keys.clock(), keys.job(job.id()), keys.shardOutcomes(job.id()), keys.ready(), keys.active(),
                        keys.counters(), keys.sharded(), keys.expiring()),
                List.of(keys.wakeChannel(), keys.doneChannel(), job.id(), index, outcome,
                        startedAt == null ? "0" : startedAt, why == null ? "" : why)));
    }

    /**
     * Looks at every sharded job of {@code queue} that waits for its shards, and tells it of each shard that has
     * ended without its end being recorded, or that is missing. What runners do every few seconds; returns the
     * number of shards told.
     */
    int check(String queue) {
        QueueKeys keys = new QueueKeys(queue);
        Set<String> ids = call("listing the sharded jobs of queue " + queue, () -> redis.smembers(keys.sharded()));
        int told = 0;
        for (String id : ids) {
            if (JobId.isValidId(id)) {
                told += check(new JobId(queue, id), keys);
            }
        }
        return told;
    }

    private int check(JobId id, QueueKeys keys) {
        Response<List<String>> record;
        Response<String> entry;
        Response<Map<String, String>> outcomes;
        Response<String> realNow;
        try (AbstractPipeline pipeline = redis.pipelined()) {
            record = pipeline.hmget(keys.job(id.id()), "shardQueues", "total", "createdAt");
            entry = pipeline.hget(keys.active(), id.id());
            outcomes = pipeline.hgetAll(keys.shardOutcomes(id.id()));
            realNow = pipeline.hget(keys.clock(), "real");
            pipeline.sync();
        } catch (RuntimeException e) {
            throw errors.translate(e, "reading sharded job " + id);
        }
        List<String> f = record.get();
        if (entry.get() == null || f.get(0) == null || !entry.get().startsWith("running|")) {
            call("updating the sharded jobs of queue " + id.queue(), () -> redis.srem(keys.sharded(), id.id()));
            return 0;
        }
        List<Shard> shards = Shard.of(id.id(), f.get(0), f.get(1));
        List<Response<List<String>>> states = new ArrayList<>(shards.size());
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (Shard shard : shards) {
                QueueKeys shardKeys = new QueueKeys(shard.job().queue());
                states.add(pipeline.hmget(shardKeys.job(id.id()), "state", "startedAt", "firstError"));
            }
            pipeline.sync();
        } catch (RuntimeException e) {
            throw errors.translate(e, "reading the shards of job " + id);
        }
        long age = parse(realNow.get()) - parse(f.get(2));
        int told = 0;
        for (Shard shard : shards) {
            List<String> s = states.get(shard.index()).get();
            String known = outcomes.get().get(Integer.toString(shard.index()));
            String index = Integer.toString(shard.index());
            if (s.get(0) == null) {
                if (age > MISSING_AFTER_MILLIS) {
                    tell(id, index, "missing", "0", "its record is gone (expired, or its submit did not complete)");
                    return told + 1;
                }
            } else if (("succeeded".equals(s.get(0)) || "failed".equals(s.get(0))) && !s.get(0).equals(known)) {
                tell(id, index, s.get(0), s.get(1), s.get(2));
                told++;
            }
        }
        return told;
    }

    /** Unlinks the shards' partial results and returns of a sharded job that has succeeded. */
    void dropResults(JobId id) {
        QueueKeys keys = new QueueKeys(id.queue());
        List<String> f = call("reading job " + id, () -> redis.hmget(keys.job(id.id()), "state", "shardQueues", "total"));
        if (!"succeeded".equals(f.get(0)) || f.get(1) == null || f.get(2) == null) {
            return;
        }
        for (Shard shard : Shard.of(id.id(), f.get(1), f.get(2))) {
            QueueKeys shardKeys = new QueueKeys(shard.job().queue());
            // One key per call: each shard is in a slot of its own.
            call("removing the results of shard " + shard.job(), () -> redis.unlink(shardKeys.results(id.id())));
            call("removing the results of shard " + shard.job(), () -> redis.unlink(shardKeys.returns(id.id())));
        }
    }

    /** The shard queues that sharded jobs of {@code queue} have used: runners serving the queue serve them too. */
    Set<String> shardQueues(String queue) {
        QueueKeys keys = new QueueKeys(queue);
        Set<String> names = new LinkedHashSet<>();
        for (String name : call("listing the shard queues of " + queue, () -> redis.smembers(keys.shardQueues()))) {
            if (ShardQueues.isShard(name) && ShardQueues.parentOf(name).equals(queue)) {
                names.add(name);
            }
        }
        return names;
    }

    private static long parse(String millis) {
        try {
            return millis == null ? 0 : Long.parseLong(millis.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw errors.translate(e, what);
        }
    }
}
