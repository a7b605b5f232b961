package dev.scatter.broker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

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
    private final JobParams params;
    /**
     * Tokens of claim calls that got no reply (Redis lost mid-call): if the call ran, its leases are held by nobody
     * and would expire, counted as lost runners against their tasks and making them suspects. They are handed back
     * instead, at the next claim or recovery pass of this queue.
     */
    private final Set<String> unanswered = java.util.concurrent.ConcurrentHashMap.newKeySet();

    TaskQueue(String queue, UnifiedJedis redis, ScriptExecutor scripts, RedisErrors errors, BrokerOptions options) {
        this.keys = new QueueKeys(queue);
        this.redis = redis;
        this.scripts = scripts;
        this.errors = errors;
        this.options = options;
        this.params = new JobParams(keys, redis, errors);
    }

    public String name() {
        return keys.queue();
    }

    public QueueKeys keys() {
        return keys;
    }

    /**
     * Leases up to {@code max} ready tasks of the given kinds until the queue's clock passes now + {@code lease},
     * for a client that holds no task: it may be given a single suspect (see {@link ClaimedTask#isSuspect()}).
     */
    public ClaimBatch claim(int max, Duration lease, Collection<String> kinds) {
        return claim(max, lease, kinds, true);
    }

    /**
     * Leases up to {@code max} ready tasks of the given kinds until the queue's clock passes now + {@code lease}.
     * Tasks of other kinds met on the way are parked for runners of their kind. A client that {@code holdsNothing}
     * is given a suspect first, alone, when one waits. No tasks means nothing this runner can run is ready.
     */
    public ClaimBatch claim(int max, Duration lease, Collection<String> kinds, boolean holdsNothing) {
        if (max < 1 || max > MAX_BATCH) {
            throw new IllegalArgumentException("claim between 1 and " + MAX_BATCH + " tasks, not " + max);
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("claim for at least one kind");
        }
        // A script call looks at a bounded number of refs; behind a large cancelled job it may find none to lease
        // and say there are more: go on, so that the dropping does not look like an empty queue.
        int parked = 0;
        int quarantined = 0;
        releaseUnanswered();
        while (true) {
            String token = ClaimTokens.next();
            Object raw;
            try {
                raw = scripts.run(LuaScript.CLAIM,
                        List.of(keys.clock(), keys.ready(), keys.parked(), keys.leases(), keys.active(), keys.malformed(),
                                keys.suspects()),
                        List.of(Long.toString(lease.toMillis()), Integer.toString(max),
                                Integer.toString(options.malformedCap()), token, String.join(" ", kinds),
                                holdsNothing ? "1" : "0"));
            } catch (BrokerUnavailableException e) {
                unanswered.add(token);
                throw e;
            }
            ClaimReply reply = ClaimReply.parse(raw);
            parked += reply.parked();
            quarantined += reply.quarantined();
            if (!reply.leases().isEmpty() || !reply.more()) {
                return new ClaimBatch(tasks(reply), parked, quarantined, reply.suspects());
            }
        }
    }

    /** Leases up to {@code max} ready tasks of one kind: what a runner of a single kind does. */
    public List<ClaimedTask> claim(int max, Duration lease, String kind) {
        return claim(max, lease, List.of(kind)).tasks();
    }

    private List<ClaimedTask> tasks(ClaimReply reply) {
        if (reply.leases().isEmpty()) {
            return List.of();
        }
        Map<String, JobParams.Job> records = params.of(reply.jobs().keySet());
        List<ClaimedTask> tasks = new ArrayList<>(reply.leases().size());
        for (LeaseMember lease : reply.leases()) {
            ClaimReply.Job job = reply.jobs().get(lease.job());
            JobParams.Job record = records.get(lease.job());
            tasks.add(new ClaimedTask(new JobId(keys.queue(), lease.job()), lease.taskIndex(), lease.attempt(),
                    job.kind(), record == null ? null : record.params(), job.total(), job.maxAttempts(), lease.wire(),
                    record == null ? 0 : record.offset(),
                    record == null || record.jobTotal() < 0 ? job.total() : record.jobTotal()));
        }
        return tasks;
    }

    /**
     * Extends the leases of tasks still running until the queue's clock passes now + {@code lease} (never
     * shortening one). Returns the lease ids that were not renewed: their task was taken over after the lease
     * expired, their job was cancelled or has ended, or the task already has a result. The runner should stop
     * working on those.
     */
    public Set<String> renew(Collection<ClaimedTask> tasks, Duration lease) {
        Set<String> lost = new HashSet<>();
        List<ClaimedTask> all = new ArrayList<>(tasks);
        for (int from = 0; from < all.size(); from += MAX_BATCH) {
            List<ClaimedTask> batch = all.subList(from, Math.min(all.size(), from + MAX_BATCH));
            Set<String> jobs = new LinkedHashSet<>();
            for (ClaimedTask task : batch) {
                jobs.add(task.job().id());
            }
            List<String> keyList = new ArrayList<>(List.of(keys.clock(), keys.leases(), keys.active()));
            List<String> args = new ArrayList<>(2 + jobs.size() + batch.size());
            args.add(Long.toString(lease.toMillis()));
            args.add(Integer.toString(jobs.size()));
            for (String job : jobs) {
                keyList.add(keys.results(job));
                args.add(job);
            }
            for (ClaimedTask task : batch) {
                args.add(task.leaseId());
            }
            lost.addAll(RenewReply.of(scripts.run(LuaScript.RENEW, keyList, args)).lost());
        }
        return lost;
    }

    /**
     * Records results. Each outcome is {@link ReturnCode#COUNTED} the first time a task's result is recorded and
     * {@link ReturnCode#DUPLICATE} after that, whoever reports it and however late. A result over the size limit
     * is not recorded: the task is quarantined with that reason ({@link ReturnCode#DEAD}).
     */
    public List<ReturnCode> complete(List<TaskCompletion> completions) {
        List<Settlement> entries = new ArrayList<>(completions.size());
        for (TaskCompletion c : completions) {
            String result = c.resultJson() == null ? "null" : c.resultJson();
            int size = result.getBytes(StandardCharsets.UTF_8).length;
            if (size > options.maxResultBytes()) {
                entries.add(new Settlement(SettleOp.FAIL, c.task().leaseId(), "-1",
                        new PayloadTooLargeException("the result", size, options.maxResultBytes()).getMessage(),
                        TaskRecords.checkedInfo(c.infoJson())));
            } else {
                entries.add(new Settlement(SettleOp.COMPLETE, c.task().leaseId(), result, "",
                        TaskRecords.checkedInfo(c.infoJson())));
            }
        }
        return settle(entries);
    }

    /** Reports failed attempts: scheduled again after a back-off, or quarantined when attempts are used up. */
    public List<ReturnCode> fail(List<TaskFailure> failures) {
        List<Settlement> entries = new ArrayList<>(failures.size());
        for (TaskFailure f : failures) {
            String delay = f.permanent()
                    ? "-1"
                    : Long.toString(options.retryPolicy().delayAfter(f.task().attempt()).toMillis());
            entries.add(new Settlement(SettleOp.FAIL, f.task().leaseId(), delay, f.error() == null ? "" : f.error(),
                    TaskRecords.checkedInfo(f.infoJson())));
        }
        return settle(entries);
    }

    /**
     * Hands leased tasks back at once (shutdown, or a task the runner stopped itself): they go to the head of the
     * ready list with no attempt charged.
     */
    public List<ReturnCode> release(Collection<ClaimedTask> tasks) {
        List<Settlement> entries = new ArrayList<>(tasks.size());
        for (ClaimedTask task : tasks) {
            entries.add(Settlement.of(SettleOp.RELEASE, task.leaseId()));
        }
        return settle(entries);
    }

    /**
     * One recovery pass, which any client may run at any time: moves due retries to the ready list, and takes
     * back up to {@code limit} expired leases (their tasks are made ready again, or quarantined when they have
     * lost their runner too often).
     */
    public RecoveryReport recover(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("recover at least 1 entry, not " + limit);
        }
        releaseUnanswered();
        RecoverReply reply = RecoverReply.of(scripts.run(LuaScript.RECOVER,
                List.of(keys.clock(), keys.delayed(), keys.ready(), keys.leases(), keys.malformed(), keys.jobs(),
                        keys.expiring()),
                List.of(Integer.toString(Math.min(limit, MAX_BATCH)), keys.wakeChannel(),
                        Integer.toString(options.malformedCap()))));
        int promoted = reply.promoted();
        List<Settlement> expired = new ArrayList<>();
        for (String member : reply.expired()) {
            expired.add(Settlement.of(SettleOp.EXPIRE, member));
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

    /**
     * Hands back, with no attempt or recovery charged, the leases of this client's claim calls that got no reply
     * (a claim that ran but whose reply was lost with the connection): nobody holds them. The leases are looked for
     * among all the queue's (one per task in flight), only after such a call. Returns how many were handed back.
     */
    public int releaseUnanswered() {
        if (unanswered.isEmpty()) {
            return 0;
        }
        Set<String> tokens = Set.copyOf(unanswered);
        List<String> members;
        try {
            members = redis.zrange(keys.leases(), 0, -1);
        } catch (RuntimeException e) {
            throw errors.translate(e, "reading the leases of queue " + keys.queue());
        }
        List<Settlement> orphans = new ArrayList<>();
        for (String member : members) {
            String token = member.substring(member.lastIndexOf(':') + 1);
            // claim-7 marks a suspect's lease by an "s" before the caller's token.
            if (tokens.contains(token) || (token.startsWith("s") && tokens.contains(token.substring(1)))) {
                orphans.add(Settlement.of(SettleOp.RELEASE, member));
            }
        }
        List<ReturnCode> codes = settle(orphans);
        unanswered.removeAll(tokens);
        return (int) codes.stream().filter(code -> code == ReturnCode.REQUEUED).count();
    }

    /** Settles entries in calls of at most {@link #MAX_BATCH}, declaring the five keys of every job they touch. */
    private List<ReturnCode> settle(List<Settlement> entries) {
        List<ReturnCode> codes = new ArrayList<>(entries.size());
        for (int from = 0; from < entries.size(); from += MAX_BATCH) {
            List<Settlement> batch = entries.subList(from, Math.min(entries.size(), from + MAX_BATCH));
            Set<String> jobs = new LinkedHashSet<>();
            for (Settlement entry : batch) {
                String job = LeaseMember.jobOf(entry.leaseId());
                if (job != null) {
                    jobs.add(job);
                }
            }
            List<String> keyList = new ArrayList<>(List.of(keys.clock(), keys.leases(), keys.ready(), keys.delayed(),
                    keys.expiring(), keys.active(), keys.counters(), keys.suspects()));
            List<String> args = new ArrayList<>(8 + jobs.size() + batch.size() * 5);
            args.add(keys.wakeChannel());
            args.add(keys.doneChannel());
            args.add(Integer.toString(options.maxResultBytes()));
            args.add(Long.toString(options.maxJobResultBytes()));
            args.add(Integer.toString(TaskRecords.MAX_RECORD_BYTES));
            args.add(Long.toString(TaskRecords.MAX_JOB_RECORDS_BYTES));
            args.add(Integer.toString(jobs.size()));
            for (String job : jobs) {
                keyList.add(keys.job(job));
                keyList.add(keys.results(job));
                keyList.add(keys.dead(job));
                keyList.add(keys.returns(job));
                keyList.add(keys.tasks(job));
                args.add(job);
            }
            args.add(Integer.toString(batch.size()));
            for (Settlement entry : batch) {
                args.add(entry.op().wire());
                args.add(entry.leaseId());
                args.add(entry.a());
                args.add(entry.b());
                args.add(entry.info());
            }
            for (Object code : Replies.list(scripts.run(LuaScript.SETTLE, keyList, args))) {
                codes.add(ReturnCode.of(Replies.number(code)));
            }
        }
        return codes;
    }

    /**
     * The counts an autoscaler and an operator look at, read in one round trip. Tasks of cancelled jobs are not
     * outstanding, even while their refs still wait in the ready list to be dropped.
     */
    public QueueBacklog backlog() {
        try (AbstractPipeline pipeline = redis.pipelined()) {
            Response<String> outstanding = pipeline.hget(keys.counters(), "outstanding");
            Response<Long> delayed = pipeline.zcard(keys.delayed());
            Response<Long> inFlight = pipeline.zcard(keys.leases());
            Response<Long> parked = pipeline.zcard(keys.parked());
            Response<Long> malformed = pipeline.llen(keys.malformed());
            pipeline.sync();
            long total = Math.max(0, Replies.parseLong(outstanding.get(), 0));
            long waiting = Math.max(0, total - delayed.get() - inFlight.get());
            return new QueueBacklog(keys.queue(), total, waiting, delayed.get(), inFlight.get(), malformed.get(),
                    parked.get());
        } catch (RuntimeException e) {
            throw errors.translate(e, "reading the backlog of queue " + keys.queue());
        }
    }

    /** Tasks completed on this queue since it was first used: a counter that only grows (rates come from it). */
    public long completedEver() {
        try {
            return Replies.parseLong(redis.hget(keys.counters(), "completed"), 0);
        } catch (RuntimeException e) {
            throw errors.translate(e, "reading the counters of queue " + keys.queue());
        }
    }

    /**
     * The most recent jobs of this queue, newest first, read in one pipelined round trip. Jobs whose keys have
     * expired are skipped (recover-7 drops them from the index).
     */
    public List<JobStatus> jobs(int limit) {
        return jobs(0, limit);
    }

    /**
     * A page of this queue's jobs, newest first: {@code limit} of them after skipping the {@code offset} newest.
     * One index range and one pipelined round trip, whatever the queue's size.
     */
    public List<JobStatus> jobs(int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("a page starts at 0 or later and holds at least 1 job");
        }
        try {
            List<String> ids = redis.zrevrange(keys.jobs(), offset, (long) offset + limit - 1);
            return statuses(ids);
        } catch (RuntimeException e) {
            throw errors.translate(e, "listing the jobs of queue " + keys.queue());
        }
    }

    /** How many jobs the queue's index holds (ended ones until their keys expire included). */
    public long jobCount() {
        try {
            return redis.zcard(keys.jobs());
        } catch (RuntimeException e) {
            throw errors.translate(e, "counting the jobs of queue " + keys.queue());
        }
    }

    /**
     * Up to {@code limit} of the jobs that have not ended (queued, running or reducing), newest first among those
     * the scan of the queue's active hash met before it had {@code limit} of them (so not necessarily the newest of
     * all when more are active): a bounded look at what is going on, without reading the whole jobs index.
     */
    public List<JobStatus> activeJobs(int limit) {
        return active(limit, null, true);
    }

    /**
     * The {@code limit} newest jobs in {@code state} (queued, running or reducing), told from their entries in the
     * active hash, so that jobs in other states cost no read of their records. The whole hash is scanned, up to a
     * hundred thousand entries.
     */
    public List<JobStatus> activeJobs(int limit, JobState state) {
        return active(limit, state, false);
    }

    private List<JobStatus> active(int limit, JobState state, boolean stopAtLimit) {
        try {
            List<String> ids = new ArrayList<>();
            String cursor = ScanParams.SCAN_POINTER_START;
            int scanned = 0;
            do {
                ScanResult<Map.Entry<String, String>> page = redis.hscan(keys.active(), cursor,
                        new ScanParams().count(1000));
                for (Map.Entry<String, String> entry : page.getResult()) {
                    // The entry reads "state|startedAt|total|maxAttempts|kind".
                    if (state == null || entry.getValue().startsWith(state.wire() + "|")) {
                        ids.add(entry.getKey());
                    }
                }
                scanned += page.getResult().size();
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START) && !(stopAtLimit && ids.size() >= limit)
                    && scanned < 100_000);
            // Ids begin with their submit time in base 36, eight digits from 1972 to 2059: their order is submit order.
            ids.sort(Comparator.reverseOrder());
            return statuses(ids.subList(0, Math.min(limit, ids.size())));
        } catch (RuntimeException e) {
            throw errors.translate(e, "listing the active jobs of queue " + keys.queue());
        }
    }

    /** The jobs of these ids, read in one pipelined round trip; ids of expired jobs, or not ids at all, are skipped. */
    private List<JobStatus> statuses(List<String> ids) {
        List<Response<Map<String, String>>> hashes = new ArrayList<>(ids.size());
        Response<List<String>> live;
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (String id : ids) {
                hashes.add(pipeline.hgetAll(keys.job(id)));
            }
            live = pipeline.hmget(keys.active(), ids.isEmpty() ? new String[] {""} : ids.toArray(String[]::new));
            pipeline.sync();
        }
        List<JobStatus> jobs = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            Map<String, String> hash = hashes.get(i).get();
            if (!hash.isEmpty() && JobId.isValidId(ids.get(i))) {
                JobStatus job = JobReader.read(new JobId(keys.queue(), ids.get(i)), hash, live.get().get(i));
                jobs.add(hash.containsKey("shardQueues") ? ShardedStatus.read(redis, job, hash) : job);
            }
        }
        return jobs;
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
                    dead += Math.max(0, Replies.parseLong(reply.get(), 0));
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
                entries.add(quarantined(json));
            }
            return entries;
        } catch (RuntimeException e) {
            throw errors.translate(e, "reading the malformed entries of queue " + keys.queue());
        }
    }

    private static QuarantinedEntry quarantined(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return new QuarantinedEntry(node.path("entry").asText(), node.path("reason").asText(),
                    Instant.ofEpochMilli(node.path("at").asLong()));
        } catch (java.io.IOException | RuntimeException e) {
            return new QuarantinedEntry(json, "unreadable quarantine record", null);
        }
    }

    /**
     * The tasks a claim leased; how many entries of kinds this runner does not run it set aside; how many entries
     * it quarantined because they were not of the protocol's form; how many suspects wait for a runner that holds
     * nothing.
     */
    public record ClaimBatch(List<ClaimedTask> tasks, int parked, int quarantined, long suspects) {
    }

    /** The reply of claim-7, by name rather than by position. */
    private record ClaimReply(List<LeaseMember> leases, Map<String, Job> jobs, boolean more, int parked,
                              int quarantined, long suspects) {

        record Job(String kind, int total, int maxAttempts) {
        }

        static ClaimReply parse(Object raw) {
            List<?> reply = Replies.list(raw);
            int count = (int) Replies.number(reply.get(0));
            List<LeaseMember> leases = new ArrayList<>(count);
            for (int i = 1; i <= count; i++) {
                String member = Replies.string(reply.get(i));
                leases.add(LeaseMember.parse(member)
                        .orElseThrow(() -> new BrokerException("claim-7 returned a lease it cannot have written: " + member)));
            }
            int at = 1 + count;
            int jobCount = (int) Replies.number(reply.get(at));
            Map<String, Job> jobs = new LinkedHashMap<>(jobCount * 2);
            for (int j = 0; j < jobCount; j++) {
                int base = at + 1 + j * 4;
                jobs.put(Replies.string(reply.get(base)), new Job(Replies.string(reply.get(base + 1)),
                        (int) Replies.number(reply.get(base + 2)), (int) Replies.number(reply.get(base + 3))));
            }
            int tail = at + 1 + jobCount * 4;
            return new ClaimReply(leases, jobs, Replies.number(reply.get(tail)) == 1,
                    (int) Replies.number(reply.get(tail + 1)), (int) Replies.number(reply.get(tail + 2)),
                    Replies.number(reply.get(tail + 3)));
        }
    }
}
