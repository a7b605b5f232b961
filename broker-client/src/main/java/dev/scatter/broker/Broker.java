package dev.scatter.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import com.fasterxml.jackson.databind.ObjectMapper;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A connection to the Redis that brokers Scatter's jobs: submit jobs, follow and cancel them, read their
 * results and dead tasks, and reach the {@link TaskQueue} of each queue. Thread-safe; one per process is enough.
 *
 * <pre>{@code
 * try (Broker broker = Broker.connect(System.getenv("REDIS_URL"))) {
 *     JobId id = broker.submit(JobSpec.of("pi", "{\"samples\":1000000}", 100));
 *     broker.status(id).ifPresent(s -> System.out.println(s.state()));
 * }
 * }</pre>
 */
public final class Broker implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedisUri uri;
    private final BrokerOptions options;
    private final UnifiedJedis redis;
    private final RedisErrors errors;
    private final ScriptExecutor scripts;
    private final Map<String, TaskQueue> queues = new ConcurrentHashMap<>();
    private final RunnerRegistry runners;
    private final ShardedJobs sharded;

    private Broker(RedisUri uri, BrokerOptions options) {
        this.uri = uri;
        this.options = options;
        this.errors = new RedisErrors(uri);
        this.redis = RedisConnector.open(uri, options, errors);
        this.scripts = new ScriptExecutor(redis, errors, new ReplicaWait(options.minReplicas(), options.socketTimeout()));
        this.runners = new RunnerRegistry(redis, scripts, errors);
        this.sharded = new ShardedJobs(this, redis, scripts, errors);
    }

    /** Connects to a {@code redis://} or {@code rediss://} URI and checks that Redis answers. */
    public static Broker connect(String uri) {
        return connect(RedisUri.parse(uri), BrokerOptions.DEFAULTS);
    }

    public static Broker connect(RedisUri uri, BrokerOptions options) {
        return new Broker(uri, options);
    }

    public RedisUri uri() {
        return uri;
    }

    public BrokerOptions options() {
        return options;
    }

    /** The task side of a queue. */
    public TaskQueue queue(String name) {
        return queues.computeIfAbsent(name, n -> new TaskQueue(n, redis, scripts.forQueue(n), errors, options));
    }

    /** Presence of runners: heartbeats and the list of live ones. */
    public RunnerRegistry runners() {
        return runners;
    }

    /**
     * Submits a job: the job and all of its tasks enter Redis in one atomic step (one script call whatever the
     * task count), so runners never see half a job. Checks the spec first: at least one task, at most
     * {@link BrokerOptions#maxTasksPerJob()}, params a JSON object within {@link BrokerOptions#maxPayloadBytes()}.
     */
    public JobId submit(JobSpec spec) {
        String params = validate(spec);
        JobId id = JobId.next(spec.queue(), options.clock().millis());
        QueueKeys keys = queue(spec.queue()).keys();
        String token = ClaimTokens.next();
        if (spec.shards() > 1) {
            sharded.submit(id, spec, params, token);
            return id;
        }
        SubmitReply reply = SubmitReply.of(scripts.run(LuaScript.SUBMIT,
                List.of(keys.clock(), keys.job(id.id()), keys.ready(), keys.jobs(), keys.active(), keys.counters()),
                List.of(id.id(), spec.kind(), params, Integer.toString(spec.tasks()),
                        Integer.toString(spec.maxAttempts()), Integer.toString(spec.maxRecoveries()),
                        Long.toString(Math.max(1, spec.resultTtl().toSeconds())), keys.wakeChannel(), spec.queue(),
                        token)));
        reply.requireCreated(id, spec.kind(), token);
        return id;
    }

    /** Checks the spec; returns its parameters as they are stored ({} when none are given). */
    private String validate(JobSpec spec) {
        JobSpec.requireValidKind(spec.kind());
        QueueKeys.requireValidQueueName(spec.queue());
        if (spec.tasks() < 1) {
            throw new InvalidJobException("a job needs at least 1 task, not " + spec.tasks());
        }
        if (spec.shards() < 1 || spec.shards() > ShardQueues.MAX_SHARDS) {
            throw new InvalidJobException("a job is split into 1 to " + ShardQueues.MAX_SHARDS + " shards, not "
                    + spec.shards());
        }
        if (spec.shards() > spec.tasks()) {
            throw new InvalidJobException("a job of " + spec.tasks() + " tasks cannot be split into " + spec.shards()
                    + " shards");
        }
        // The cap is per shard: a shard is a job of its own on its own queue (and Cluster node).
        long cap = (long) options.maxTasksPerJob() * spec.shards();
        if (spec.tasks() > cap) {
            throw new InvalidJobException("a job may have at most " + options.maxTasksPerJob() + " tasks"
                    + (spec.shards() > 1 ? " a shard (" + cap + " in " + spec.shards() + " shards)" : "")
                    + ", not " + spec.tasks() + (spec.shards() > 1 ? "" : "; split it over shards (--shards N)"));
        }
        if (spec.maxAttempts() < 1 || spec.maxAttempts() > JobSpec.MAX_ATTEMPTS_LIMIT) {
            throw new InvalidJobException("max attempts must be from 1 to " + JobSpec.MAX_ATTEMPTS_LIMIT + ", not "
                    + spec.maxAttempts());
        }
        if (spec.maxRecoveries() < 0 || spec.maxRecoveries() > JobSpec.MAX_ATTEMPTS_LIMIT) {
            throw new InvalidJobException("max recoveries must be from 0 to " + JobSpec.MAX_ATTEMPTS_LIMIT + ", not "
                    + spec.maxRecoveries());
        }
        if (spec.resultTtl().toSeconds() < 1 || spec.resultTtl().compareTo(JobSpec.MAX_RESULT_TTL) > 0) {
            throw new InvalidJobException("the result TTL must be from 1 s to " + JobSpec.MAX_RESULT_TTL.toDays()
                    + " days, not " + spec.resultTtl().toMillis() + " ms");
        }
        String params = spec.paramsJson() == null ? "{}" : spec.paramsJson();
        int size = params.getBytes(StandardCharsets.UTF_8).length;
        if (size > options.maxPayloadBytes()) {
            throw new PayloadTooLargeException("the job's parameters", size, options.maxPayloadBytes());
        }
        try {
            if (!JSON.readTree(params).isObject()) {
                throw new InvalidJobException("the job's parameters must be a JSON object");
            }
        } catch (IOException e) {
            String problem = e instanceof com.fasterxml.jackson.core.JacksonException j
                    ? j.getOriginalMessage() : e.getMessage();
            throw new InvalidJobException("the job's parameters are not valid JSON: " + Excerpt.head(problem, 200));
        }
        return params;
    }

    /** The job's state, counters and result; empty when it does not exist (or has expired). */
    public Optional<JobStatus> status(JobId id) {
        QueueKeys keys = queue(id.queue()).keys();
        JobRecord record = call("reading job " + id, () -> {
            try (AbstractPipeline pipeline = redis.pipelined()) {
                Response<Map<String, String>> hash = pipeline.hgetAll(keys.job(id.id()));
                Response<String> live = pipeline.hget(keys.active(), id.id());
                pipeline.sync();
                return new JobRecord(hash.get(), live.get());
            }
        });
        if (record.hash().isEmpty()) {
            return Optional.empty();
        }
        JobStatus status = JobReader.read(id, record.hash(), record.live());
        return Optional.of(record.hash().containsKey("shardQueues")
                ? call("reading the shards of job " + id, () -> ShardedStatus.read(redis, status, record.hash()))
                : status);
    }

    /** A job's hash and its entry in the index of live jobs, read in one round trip. */
    private record JobRecord(Map<String, String> hash, String live) {
    }

    /**
     * Cancels a job that has not ended; its runners are told to stop at their next lease renewal. A sharded job's
     * shards are cancelled first, then the job.
     */
    public CancelOutcome cancel(JobId id) {
        return sharded.cancel(id);
    }

    /** Cancels the one job of this id on its queue (cancel-11). */
    CancelOutcome cancelOne(JobId id) {
        QueueKeys keys = queue(id.queue()).keys();
        Object reply = scripts.run(LuaScript.CANCEL,
                List.of(keys.clock(), keys.job(id.id()), keys.results(id.id()), keys.dead(id.id()),
                        keys.returns(id.id()), keys.expiring(), keys.active(), keys.counters(), keys.parked(),
                        keys.leases(), keys.tasks(id.id())),
                List.of(keys.doneChannel(), id.id()));
        return CancelOutcome.of(ReturnCode.of(Replies.number(reply)));
    }

    /** The partial results recorded so far, by task index (what a reducer folds). */
    public Map<Integer, String> partialResults(JobId id) {
        QueueKeys keys = queue(id.queue()).keys();
        String total = call("reading job " + id, () -> redis.hget(keys.job(id.id()), "total"));
        return total == null ? new TreeMap<>() : partialResults(id, Integer.parseInt(total));
    }

    /**
     * The partial results of a job of {@code tasks} tasks, by index. The fields are known (0 to tasks - 1), so
     * they are read with HMGET in pipelined chunks: a few round trips for a million results, where a cursor scan
     * takes one per thousand, and no single call holds Redis long.
     */
    public Map<Integer, String> partialResults(JobId id, int tasks) {
        return acrossShards(id, tasks, (job, n) -> byIndex(queue(job.queue()).keys().results(job.id()), n,
                "reading the results of job " + job));
    }

    /**
     * What {@code read} gives for the job, by task index; for a sharded job, what it gives for each shard, its
     * indexes moved to the job's.
     */
    private Map<Integer, String> acrossShards(JobId id, int tasks,
                                              java.util.function.BiFunction<JobId, Integer, Map<Integer, String>> read) {
        List<Shard> shards = sharded.shards(id);
        if (shards.isEmpty()) {
            return read.apply(id, tasks);
        }
        Map<Integer, String> all = new TreeMap<>();
        for (Shard shard : shards) {
            read.apply(shard.job(), shard.tasks()).forEach((index, value) -> all.put(shard.offset() + index, value));
        }
        return all;
    }

    /**
     * The records of a job of {@code tasks} tasks, by index: each task's last settled attempt, as settle-8 wrote it
     * (docs/protocol.md, 2.2); tasks never settled have none. Kept until the job expires.
     */
    public Map<Integer, String> taskRecords(JobId id, int tasks) {
        return acrossShards(id, tasks, (job, n) -> byIndex(queue(job.queue()).keys().tasks(job.id()), n,
                "reading the task records of job " + job));
    }

    /** The indexes of the job's tasks that hold a lease now (running, or about to). */
    public java.util.Set<Integer> leasedTasks(JobId id) {
        List<Shard> shards = sharded.shards(id);
        if (!shards.isEmpty()) {
            java.util.Set<Integer> leased = new java.util.TreeSet<>();
            for (Shard shard : shards) {
                leasedTasks(shard.job()).forEach(index -> leased.add(shard.offset() + index));
            }
            return leased;
        }
        java.util.Set<Integer> leased = new java.util.TreeSet<>();
        String prefix = id.id() + ":";
        for (String member : call("reading the leases of job " + id,
                () -> redis.zrange(queue(id.queue()).keys().leases(), 0, -1))) {
            if (member.startsWith(prefix)) {
                String task = member.substring(prefix.length(), member.indexOf(':', prefix.length()));
                if (!task.equals("r")) {
                    leased.add(Integer.parseInt(task));
                }
            }
        }
        return leased;
    }

    private Map<Integer, String> byIndex(String key, int tasks, String what) {
        int chunk = 2000;
        return call(what, () -> readResults(key, tasks, chunk));
    }

    private Map<Integer, String> readResults(String key, int tasks, int chunk) {
        Map<Integer, String> results = new TreeMap<>();
        try (AbstractPipeline pipeline = redis.pipelined()) {
            List<Response<List<String>>> replies = new ArrayList<>();
            for (int from = 0; from < tasks; from += chunk) {
                String[] fields = new String[Math.min(chunk, tasks - from)];
                for (int i = 0; i < fields.length; i++) {
                    fields[i] = Integer.toString(from + i);
                }
                replies.add(pipeline.hmget(key, fields));
            }
            pipeline.sync();
            int index = 0;
            for (Response<List<String>> reply : replies) {
                for (String value : reply.get()) {
                    if (value != null) {
                        results.put(index, value);
                    }
                    index++;
                }
            }
        }
        return results;
    }

    /** The job's quarantined tasks, by index (the reduce, if dead, first), at most {@code limit} of them. */
    public List<DeadTask> deadTasks(JobId id, int limit) {
        List<Shard> shards = sharded.shards(id);
        if (!shards.isEmpty()) {
            List<DeadTask> dead = new ArrayList<>(deadTasksOne(id, limit));
            for (Shard shard : shards) {
                for (DeadTask task : deadTasksOne(shard.job(), limit - dead.size())) {
                    dead.add(new DeadTask(id, task.index() < 0 ? task.index() : shard.offset() + task.index(),
                            task.attempts(), task.reason(), task.error(), task.at()));
                }
            }
            dead.sort(Comparator.comparingInt(DeadTask::index));
            return dead;
        }
        return deadTasksOne(id, limit);
    }

    private List<DeadTask> deadTasksOne(JobId id, int limit) {
        String key = queue(id.queue()).keys().dead(id.id());
        List<DeadTask> dead = new ArrayList<>();
        call("reading the dead tasks of job " + id, () -> {
            // HSCAN in pages: a job with a million dead tasks is read without one long call.
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<Map.Entry<String, String>> page = redis.hscan(key, cursor, new ScanParams().count(1000));
                for (Map.Entry<String, String> entry : page.getResult()) {
                    if (dead.size() < limit) {
                        dead.add(DeadTask.read(id, entry.getKey(), entry.getValue()));
                    }
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START) && dead.size() < limit);
            return dead;
        });
        dead.sort(Comparator.comparingInt(DeadTask::index));
        return dead;
    }

    /** All of the job's quarantined tasks, by index. */
    public List<DeadTask> deadTasks(JobId id) {
        return deadTasks(id, Integer.MAX_VALUE);
    }

    /**
     * Gives a job's dead tasks a fresh set of attempts. Returns how many were made ready again; throws when the
     * job does not exist or was cancelled or succeeded. The dead set is read in pages and retried a thousand tasks
     * a call, so that no call holds Redis long; if this process dies half-way, the tasks not yet retried stay dead
     * and a second retry takes them.
     */
    public int retryDead(JobId id) {
        return sharded.retryDead(id);
    }

    /** Gives the dead tasks of the one job of this id on its queue a fresh set of attempts (retry-dead-10). */
    int retryDeadOne(JobId id) {
        QueueKeys keys = queue(id.queue()).keys();
        List<String> keyList = List.of(keys.clock(), keys.job(id.id()), keys.dead(id.id()), keys.ready(),
                keys.results(id.id()), keys.returns(id.id()), keys.expiring(), keys.active(), keys.counters(),
                keys.tasks(id.id()));
        int revived = 0;
        boolean called = false;
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            // A page may hold any number of fields, none included; fields retried meanwhile are gone from the hash,
            // which a cursor scan allows.
            List<String> fields = new ArrayList<>();
            String at = cursor;
            ScanResult<Map.Entry<String, String>> page = call("reading the dead tasks of job " + id,
                    () -> redis.hscan(keys.dead(id.id()), at, new ScanParams().count(1000)));
            page.getResult().forEach(entry -> fields.add(entry.getKey()));
            cursor = page.getCursor();
            // With no dead task at all, one call all the same: it says whether the job exists and can be retried.
            for (int from = 0; from < fields.size() || (!called && from == 0); from += 1000) {
                List<String> args = new ArrayList<>(List.of(keys.wakeChannel(), id.id()));
                args.addAll(fields.subList(from, Math.min(fields.size(), from + 1000)));
                long reply = Replies.number(scripts.run(LuaScript.RETRY_DEAD, keyList, args));
                called = true;
                if (reply < 0) {
                    if (ReturnCode.of(reply) == ReturnCode.JOB_NOT_FOUND) {
                        throw new JobNotFoundException(id);
                    }
                    throw new NothingToRetryException(id);
                }
                revived += (int) reply;
            }
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return revived;
    }

    /**
     * Tells a sharded job that one of its shards ({@code shard}, the shard's job) has ended, if it has; safe to
     * repeat. A runner calls it when a settlement reports {@link ReturnCode#SHARD_ENDED} (or quarantines a shard's
     * task). Returns true when this call queued the job's reduce.
     */
    public boolean shardEnded(JobId shard) {
        return sharded.shardEnded(shard);
    }

    /**
     * Tells each sharded job of {@code queue} still waiting for its shards of every shard that ended without its
     * end being recorded, or that is missing (expired, or its submit died half-way). Runners call it every few
     * seconds. Returns the number of shards told.
     */
    public int checkShardedJobs(String queue) {
        return sharded.check(queue);
    }

    /**
     * The backlog of a queue and of the shard queues its sharded jobs have used, added up: what waits for the
     * runners of the queue, which serve its shards too. What autoscalers and {@code submit backlog} read.
     */
    public QueueBacklog backlog(String queue) {
        QueueBacklog total = queue(queue).backlog();
        for (String shard : sharded.shardQueues(queue)) {
            total = total.plus(queue(shard).backlog());
        }
        return total;
    }

    /** Dead tasks of the queue's jobs, its sharded jobs' included (their shards' dead tasks are on shard queues). */
    public long deadCount(String queue) {
        long dead = queue(queue).deadCount();
        for (String shard : sharded.shardQueues(queue)) {
            dead += queue(shard).deadCount();
        }
        return dead;
    }

    /**
     * Removes the partial results of a sharded job's shards once the job has succeeded (its reduce has read them), as
     * settle-8 removes an unsharded job's when its reduce succeeds: no script can reach them from the job's slot. A
     * runner calls it after its reduce is counted; were the call lost, the results expire with the job's TTL. Does
     * nothing for a job that is not sharded or has not succeeded.
     */
    public void dropShardResults(JobId id) {
        sharded.dropResults(id);
    }

    /** The shard queues that sharded jobs of {@code queue} have used: a runner serving the queue serves them too. */
    public java.util.Set<String> shardQueues(String queue) {
        return sharded.shardQueues(queue);
    }

    /**
     * Calls {@code onWake} whenever tasks become ready on one of the queues (submit, retry, recovery, release),
     * so idle runners need not poll. {@code onSubscribed} runs each time the subscription is (re)established.
     */
    public ChannelSubscription onWork(List<String> queues, Runnable onWake, Runnable onSubscribed) {
        List<String> channels = queues.stream().map(q -> queue(q).keys().wakeChannel()).toList();
        return new ChannelSubscription(this::subscriber, channels, message -> onWake.run(), onSubscribed);
    }

    /** Calls {@code onJobEnd} with the id of each job of the queue that ends (and with "" after a reconnect). */
    public ChannelSubscription onJobEnd(String queue, java.util.function.Consumer<String> onJobEnd) {
        return new ChannelSubscription(this::subscriber, List.of(queue(queue).keys().doneChannel()), onJobEnd, () -> { });
    }

    private redis.clients.jedis.Jedis subscriber() {
        return RedisConnector.dedicated(uri, options, redis);
    }

    /**
     * Stores data that a job's tasks share (a dataset, say) under the SHA-256 of its bytes, on the job's queue,
     * and returns that hash. Storing the same bytes again only extends their TTL. Size is limited by
     * {@link BrokerOptions#maxBlobBytes()}: larger data belongs on storage every runner can reach.
     */
    public String storeBlob(String queue, byte[] data, java.time.Duration ttl) {
        if (data.length > options.maxBlobBytes()) {
            throw new PayloadTooLargeException("the data", data.length, options.maxBlobBytes());
        }
        String sha256 = Blobs.sha256(data);
        byte[] key = queue(queue).keys().blob(sha256).getBytes(StandardCharsets.UTF_8);
        call("storing " + data.length + " bytes of data",
                () -> redis.set(key, data, SetParams.setParams().ex(Math.max(1, ttl.toSeconds()))));
        return sha256;
    }

    /** The data stored under a hash on a queue, if it has not expired. */
    public Optional<byte[]> fetchBlob(String queue, String sha256) {
        return Optional.ofNullable(call("fetching data " + sha256,
                () -> redis.get(queue(queue).keys().blob(sha256).getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * What Redis says of its memory, for a log line: "used 1.02G of maxmemory 1.00G, policy noeviction". Never
     * throws: it is called while Redis refuses writes, and says so when it cannot be read either.
     */
    public String memoryReport() {
        try {
            Map<String, String> fields = new java.util.HashMap<>();
            for (String line : redis.info("memory").split("\r?\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
                }
            }
            return "used " + fields.getOrDefault("used_memory_human", "?") + " of maxmemory "
                    + fields.getOrDefault("maxmemory_human", "?") + ", policy "
                    + fields.getOrDefault("maxmemory_policy", "?");
        } catch (RuntimeException e) {
            return "its memory figures cannot be read";
        }
    }

    /** One round trip to Redis; throws when it does not answer. */
    public void ping() {
        call("pinging", redis::ping);
    }

    /** The Redis server's version, e.g. "7.0.15". */
    public String serverVersion() {
        for (String line : call("reading the server version", () -> redis.info("server")).split("\r?\n")) {
            if (line.startsWith("redis_version:")) {
                return line.substring("redis_version:".length()).trim();
            }
        }
        return "unknown";
    }

    /** One call to Redis; what it throws becomes a BrokerException saying what was being done. */
    private <T> T call(String what, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw errors.translate(e, what);
        }
    }

    @Override
    public void close() {
        redis.close();
    }
}
