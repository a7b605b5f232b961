package dev.scatter.broker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * The task side of one queue, as a runner sees it: claim a batch with a lease, renew leases, settle them
 * (complete, fail, release), and recover what others left behind. Every method is one or two script calls
 * whatever the batch size; that is what makes the per-task cost a few Redis operations.
 */
public final class TaskQueue {

    /** Most refs taken, or leases settled, in one script call (Lua's unpack() has a bounded stack). */
    public static final int MAX_BATCH = 2000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final QueueKeys keys;
    private final UnifiedJedis redis;
    private final ScriptExecutor scripts;
    private final RedisErrors errors;
    private final BrokerOptions options;

    TaskQueue(String queue, UnifiedJedis redis, ScriptExecutor scripts, RedisErrors errors, BrokerOptions options) {
        this.keys = new QueueKeys(queue);
        this.redis = redis;
        this.scripts = scripts;
        this.errors = errors;
        this.options = options;
    }

    public String name() {
        return keys.queue();
    }

    public QueueKeys keys() {
        return keys;
    }

    /** Leases up to {@code max} ready tasks until now + {@code lease}. An empty list means nothing is ready. */
    public List<ClaimedTask> claim(int max, Duration lease) {
        if (max < 1 || max > MAX_BATCH) {
            throw new IllegalArgumentException("claim between 1 and " + MAX_BATCH + " tasks, not " + max);
        }
        // A script call looks at a bounded number of refs; behind a large cancelled job it may find none to lease
        // and say there are more: go on, so that the dropping does not look like an empty queue.
        while (true) {
            ClaimReply reply = claimOnce(max, lease);
            if (!reply.tasks().isEmpty() || !reply.more()) {
                return reply.tasks();
            }
        }
    }

    private record ClaimReply(List<ClaimedTask> tasks, boolean more) {
    }

    private ClaimReply claimOnce(int max, Duration lease) {
        long now = now();
        List<?> reply = Replies.list(scripts.run(LuaScript.CLAIM,
                List.of(keys.ready(), keys.leases(), keys.malformed()),
                List.of(keys.jobPrefix(), Long.toString(now), Long.toString(now + lease.toMillis()),
                        Integer.toString(max), Integer.toString(options.malformedCap()), ClaimTokens.next())));
        boolean more = Replies.number(reply.get(reply.size() - 1)) == 1;
        int count = (int) Replies.number(reply.get(0));
        if (count == 0) {
            return new ClaimReply(List.of(), more);
        }
        int jobsAt = 1 + count;
        int jobCount = (int) Replies.number(reply.get(jobsAt));
        Map<String, Object[]> jobs = new HashMap<>(jobCount * 2);
        for (int j = 0; j < jobCount; j++) {
            int at = jobsAt + 1 + j * 5;
            jobs.put(Replies.string(reply.get(at)), new Object[] {
                    Replies.string(reply.get(at + 1)), Replies.string(reply.get(at + 2)),
                    (int) Replies.number(reply.get(at + 3)), (int) Replies.number(reply.get(at + 4))});
        }
        List<ClaimedTask> tasks = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String member = Replies.string(reply.get(i));
            String[] parts = Replies.leaseParts(member);
            Object[] job = jobs.get(parts[0]);
            tasks.add(new ClaimedTask(new JobId(keys.queue(), parts[0]), Replies.taskIndex(parts[1]),
                    Integer.parseInt(parts[2]), (String) job[0], (String) job[1], (Integer) job[2], (Integer) job[3],
                    member));
        }
        return new ClaimReply(tasks, more);
    }

    /**
     * Extends the leases of tasks still running until now + {@code lease}. Returns the lease ids that were not
     * renewed: their task was taken over after the lease expired, or their job was cancelled or has ended.
     * The runner should stop working on those.
     */
    public Set<String> renew(Collection<ClaimedTask> tasks, Duration lease) {
        Set<String> lost = new HashSet<>();
        List<ClaimedTask> all = new ArrayList<>(tasks);
        for (int from = 0; from < all.size(); from += MAX_BATCH) {
            List<String> args = new ArrayList<>();
            args.add(keys.jobPrefix());
            args.add(Long.toString(now() + lease.toMillis()));
            for (ClaimedTask task : all.subList(from, Math.min(all.size(), from + MAX_BATCH))) {
                args.add(task.leaseId());
            }
            for (Object member : Replies.list(scripts.run(LuaScript.RENEW, List.of(keys.leases()), args))) {
                lost.add(Replies.string(member));
            }
        }
        return lost;
    }

    /**
     * Records results. Each outcome is {@link ReturnCode#COUNTED} the first time a task's result is recorded and
     * {@link ReturnCode#DUPLICATE} after that, whoever reports it and however late. A result over the size limit
     * is not recorded: the task is quarantined with that reason ({@link ReturnCode#DEAD}).
     */
    public List<ReturnCode> complete(List<TaskCompletion> completions) {
        List<String[]> entries = new ArrayList<>(completions.size());
        for (TaskCompletion c : completions) {
            String result = c.resultJson() == null ? "null" : c.resultJson();
            int size = result.getBytes(StandardCharsets.UTF_8).length;
            if (size > options.maxResultBytes()) {
                entries.add(new String[] {"F", c.task().leaseId(), "-1",
                        new PayloadTooLargeException("the result", size, options.maxResultBytes()).getMessage()});
            } else {
                entries.add(new String[] {"C", c.task().leaseId(), result, ""});
            }
        }
        return settle(entries);
    }

    /** Reports failed attempts: scheduled again after a back-off, or quarantined when attempts are used up. */
    public List<ReturnCode> fail(List<TaskFailure> failures) {
        long now = now();
        List<String[]> entries = new ArrayList<>(failures.size());
        for (TaskFailure f : failures) {
            String due = f.permanent()
                    ? "-1"
                    : Long.toString(now + options.retryPolicy().delayAfter(f.task().attempt()).toMillis());
            entries.add(new String[] {"F", f.task().leaseId(), due, f.error() == null ? "" : f.error()});
        }
        return settle(entries);
    }

    /** Hands leased tasks back at once (shutdown): they go to the head of the ready list, attempt not counted. */
    public List<ReturnCode> release(Collection<ClaimedTask> tasks) {
        List<String[]> entries = new ArrayList<>(tasks.size());
        for (ClaimedTask task : tasks) {
            entries.add(new String[] {"R", task.leaseId(), "", ""});
        }
        return settle(entries);
    }

    /**
     * One recovery pass, which any client may run at any time: moves due retries to the ready list, and takes
     * back up to {@code limit} expired leases (their tasks are made ready again, or quarantined when their
     * attempts are used up).
     */
    public RecoveryReport recover(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("recover at least 1 entry, not " + limit);
        }
        List<?> reply = Replies.list(scripts.run(LuaScript.RECOVER,
                List.of(keys.delayed(), keys.ready(), keys.leases(), keys.malformed(), keys.jobs(), keys.expiring()),
                List.of(Long.toString(now()), Integer.toString(Math.min(limit, MAX_BATCH)), keys.wakeChannel(),
                        Integer.toString(options.malformedCap()))));
        int promoted = (int) Replies.number(reply.get(0));
        List<String[]> expired = new ArrayList<>();
        for (Object member : reply.subList(1, reply.size())) {
            expired.add(new String[] {"E", Replies.string(member), "", ""});
        }
        int requeued = 0;
        int quarantined = 0;
        int dropped = 0;
        for (ReturnCode code : settle(expired)) {
            switch (code) {
                case REQUEUED -> requeued++;
                case DEAD -> quarantined++;
                case NOT_EXPIRED, LEASE_LOST -> { }
                default -> dropped++;
            }
        }
        return new RecoveryReport(promoted, requeued, quarantined, dropped);
    }

    private List<ReturnCode> settle(List<String[]> entries) {
        List<ReturnCode> codes = new ArrayList<>(entries.size());
        for (int from = 0; from < entries.size(); from += MAX_BATCH) {
            List<String[]> batch = entries.subList(from, Math.min(entries.size(), from + MAX_BATCH));
            List<String> args = new ArrayList<>(5 + batch.size() * 4);
            args.add(keys.jobPrefix());
            args.add(Long.toString(now()));
            args.add(keys.wakeChannel());
            args.add(keys.doneChannel());
            args.add(Integer.toString(batch.size()));
            for (String[] entry : batch) {
                args.addAll(Arrays.asList(entry));
            }
            List<?> reply = Replies.list(scripts.run(LuaScript.SETTLE,
                    List.of(keys.leases(), keys.ready(), keys.delayed(), keys.expiring()), args));
            for (Object code : reply) {
                codes.add(ReturnCode.of(Replies.number(code)));
            }
        }
        return codes;
    }

    /** The counts an autoscaler and an operator look at. */
    public QueueBacklog backlog() {
        try {
            return new QueueBacklog(keys.queue(), redis.llen(keys.ready()), redis.zcard(keys.delayed()),
                    redis.zcard(keys.leases()), redis.llen(keys.malformed()));
        } catch (RuntimeException e) {
            throw errors.translate(e, "reading the backlog of queue " + keys.queue());
        }
    }

    /**
     * The most recent jobs of this queue, newest first. Jobs whose keys have expired are skipped and dropped from
     * the index (recover-6 also drops them, so the index stays bounded even if nobody lists it).
     */
    public List<JobStatus> jobs(int limit) {
        try {
            List<String> ids = redis.zrevrange(keys.jobs(), 0, Math.max(0, limit - 1));
            List<JobStatus> jobs = new ArrayList<>(ids.size());
            for (String id : ids) {
                Map<String, String> hash = redis.hgetAll(keys.job(id));
                if (hash.isEmpty()) {
                    redis.zrem(keys.jobs(), id);
                } else {
                    jobs.add(JobReader.read(new JobId(keys.queue(), id), hash));
                }
            }
            return jobs;
        } catch (RuntimeException e) {
            throw errors.translate(e, "listing the jobs of queue " + keys.queue());
        }
    }

    /**
     * Tasks quarantined in the dead sets of the queue's jobs: the sum of the jobs' {@code failed} counters,
     * read in one pipelined round trip per thousand jobs.
     */
    public long deadCount() {
        try {
            List<String> ids = redis.zrange(keys.jobs(), 0, -1);
            long dead = 0;
            for (int from = 0; from < ids.size(); from += 1000) {
                List<Response<String>> replies = new ArrayList<>();
                try (AbstractPipeline pipeline = redis.pipelined()) {
                    for (String id : ids.subList(from, Math.min(ids.size(), from + 1000))) {
                        replies.add(pipeline.hget(keys.job(id), "failed"));
                    }
                    pipeline.sync();
                }
                for (Response<String> reply : replies) {
                    String failed = reply.get();
                    dead += failed == null ? 0 : Long.parseLong(failed);
                }
            }
            return dead;
        } catch (RuntimeException e) {
            throw errors.translate(e, "counting the dead tasks of queue " + keys.queue());
        }
    }

    /** Entries quarantined because they could not be parsed or matched to a job, oldest first. */
    public List<QuarantinedEntry> malformed(int limit) {
        try {
            List<QuarantinedEntry> entries = new ArrayList<>();
            for (String json : redis.lrange(keys.malformed(), 0, limit - 1)) {
                JsonNode node = JSON.readTree(json);
                entries.add(new QuarantinedEntry(node.path("entry").asText(), node.path("reason").asText(),
                        Instant.ofEpochMilli(node.path("at").asLong())));
            }
            return entries;
        } catch (RuntimeException e) {
            throw errors.translate(e, "reading the malformed entries of queue " + keys.queue());
        } catch (java.io.IOException e) {
            throw new BrokerException("unreadable entry in " + keys.malformed() + ": " + e.getMessage(), e);
        }
    }

    private long now() {
        return options.clock().millis();
    }
}
