package dev.scatter.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

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

    private Broker(RedisUri uri, BrokerOptions options) {
        this.uri = uri;
        this.options = options;
        this.errors = new RedisErrors(uri);
        this.redis = RedisConnector.open(uri, options, errors);
        this.scripts = new ScriptExecutor(redis, errors);
        this.runners = new RunnerRegistry(redis, errors, options.clock());
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
        return queues.computeIfAbsent(name, n -> new TaskQueue(n, redis, scripts, errors, options));
    }

    /** Presence of runners: heartbeats and the list of live ones. */
    public RunnerRegistry runners() {
        return runners;
    }

    /**
     * Submits a job: the job and all of its task refs enter Redis in one atomic step, so runners never see half
     * a job. Checks the spec first: at least one task, at most {@link BrokerOptions#maxTasksPerJob()}, params a
     * JSON object within {@link BrokerOptions#maxPayloadBytes()}.
     */
    public JobId submit(JobSpec spec) {
        String params = validate(spec);
        long now = options.clock().millis();
        JobId id = JobId.next(spec.queue(), now);
        QueueKeys keys = queue(spec.queue()).keys();
        Object reply = scripts.run(LuaScript.SUBMIT,
                List.of(keys.job(id.id()), keys.ready(), keys.jobs()),
                List.of(Long.toString(now), id.id(), spec.kind(), params,
                        Integer.toString(spec.tasks()), Integer.toString(spec.maxAttempts()),
                        Long.toString(Math.max(1, spec.resultTtl().toSeconds())), keys.wakeChannel(), spec.queue()));
        if (ReturnCode.of(Replies.number(reply)) == ReturnCode.JOB_EXISTS && !isOurs(keys.job(id.id()), now, params)) {
            // Ids are milliseconds plus 25 random bits: a clash is all but impossible, yet never silent.
            throw new BrokerException("job id " + id + " is taken; submit again");
        }
        return id;
    }

    /**
     * Whether an existing job is the one this call submitted: a call repeated after a broken connection (see
     * ScriptExecutor) finds its own first attempt, which did land.
     */
    private boolean isOurs(String jobKey, long createdAt, String params) {
        try {
            List<String> fields = redis.hmget(jobKey, "createdAt", "params");
            return Long.toString(createdAt).equals(fields.get(0)) && params.equals(fields.get(1));
        } catch (RuntimeException e) {
            throw errors.translate(e, "checking a submitted job");
        }
    }

    /** Checks the spec; returns its parameters as they are stored ({} when none are given). */
    private String validate(JobSpec spec) {
        if (spec.kind() == null || spec.kind().isBlank()) {
            throw new InvalidJobException("a job needs a kind");
        }
        JobSpec.requireValidKind(spec.kind());
        QueueKeys.requireValidQueueName(spec.queue());
        if (spec.tasks() < 1) {
            throw new InvalidJobException("a job needs at least 1 task, not " + spec.tasks());
        }
        if (spec.tasks() > options.maxTasksPerJob()) {
            throw new InvalidJobException("a job may have at most " + options.maxTasksPerJob() + " tasks, not "
                    + spec.tasks());
        }
        if (spec.maxAttempts() < 1 || spec.maxAttempts() > JobSpec.MAX_ATTEMPTS_LIMIT) {
            throw new InvalidJobException("max attempts must be from 1 to " + JobSpec.MAX_ATTEMPTS_LIMIT + ", not "
                    + spec.maxAttempts());
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
        Map<String, String> hash;
        try {
            hash = redis.hgetAll(queue(id.queue()).keys().job(id.id()));
        } catch (RuntimeException e) {
            throw errors.translate(e, "reading job " + id);
        }
        return hash.isEmpty() ? Optional.empty() : Optional.of(JobReader.read(id, hash));
    }

    /** Cancels a job that has not ended; its runners are told to stop at their next lease renewal. */
    public CancelOutcome cancel(JobId id) {
        QueueKeys keys = queue(id.queue()).keys();
        Object reply = scripts.run(LuaScript.CANCEL,
                List.of(keys.job(id.id()), keys.results(id.id()), keys.dead(id.id()), keys.expiring()),
                List.of(Long.toString(options.clock().millis()), keys.doneChannel(), id.id()));
        return CancelOutcome.of(ReturnCode.of(Replies.number(reply)));
    }

    /** The partial results recorded so far, by task index (what a reducer folds). */
    public Map<Integer, String> partialResults(JobId id) {
        QueueKeys keys = queue(id.queue()).keys();
        String total;
        try {
            total = redis.hget(keys.job(id.id()), "total");
        } catch (RuntimeException e) {
            throw errors.translate(e, "reading job " + id);
        }
        return total == null ? new TreeMap<>() : partialResults(id, Integer.parseInt(total));
    }

    /**
     * The partial results of a job of {@code tasks} tasks, by index. The fields are known (0 to tasks - 1), so
     * they are read with HMGET in pipelined chunks: a few round trips for a million results, where a cursor scan
     * takes one per thousand, and no single call holds Redis long.
     */
    public Map<Integer, String> partialResults(JobId id, int tasks) {
        String key = queue(id.queue()).keys().results(id.id());
        Map<Integer, String> results = new TreeMap<>();
        int chunk = 2000;
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
        } catch (RuntimeException e) {
            throw errors.translate(e, "reading the results of job " + id);
        }
        return results;
    }

    /** The job's quarantined tasks, by index (the reduce, if dead, first). */
    public List<DeadTask> deadTasks(JobId id) {
        Map<String, String> hash;
        try {
            hash = redis.hgetAll(queue(id.queue()).keys().dead(id.id()));
        } catch (RuntimeException e) {
            throw errors.translate(e, "reading the dead tasks of job " + id);
        }
        List<DeadTask> dead = new ArrayList<>(hash.size());
        for (Map.Entry<String, String> entry : hash.entrySet()) {
            int index = deadIndex(entry.getKey());
            if (index == DeadTask.UNREADABLE) {
                // Not what Scatter writes: shown as such, rather than failing every listing of the queue.
                dead.add(new DeadTask(id, index, 0, "unreadable", "field " + Excerpt.quote(entry.getKey()) + ": "
                        + Excerpt.head(entry.getValue(), 200), null));
                continue;
            }
            try {
                JsonNode node = JSON.readTree(entry.getValue());
                dead.add(new DeadTask(id, index, node.path("attempts").asInt(), node.path("reason").asText(),
                        node.path("error").asText(), Instant.ofEpochMilli(node.path("at").asLong())));
            } catch (IOException e) {
                dead.add(new DeadTask(id, index, 0, "unreadable", entry.getValue(), null));
            }
        }
        dead.sort(Comparator.comparingInt(DeadTask::index));
        return dead;
    }

    private static int deadIndex(String field) {
        if (field.equals("r")) {
            return ClaimedTask.REDUCE;
        }
        try {
            int index = Integer.parseInt(field);
            return index >= 0 ? index : DeadTask.UNREADABLE;
        } catch (NumberFormatException e) {
            return DeadTask.UNREADABLE;
        }
    }

    /**
     * Gives a job's dead tasks a fresh set of attempts. Returns how many were made ready again;
     * throws when the job does not exist or was cancelled or succeeded.
     */
    public int retryDead(JobId id) {
        QueueKeys keys = queue(id.queue()).keys();
        long reply = Replies.number(scripts.run(LuaScript.RETRY_DEAD,
                List.of(keys.job(id.id()), keys.dead(id.id()), keys.ready(), keys.results(id.id()), keys.expiring()),
                List.of(Long.toString(options.clock().millis()), keys.wakeChannel(), id.id())));
        if (reply < 0) {
            if (ReturnCode.of(reply) == ReturnCode.JOB_NOT_FOUND) {
                throw new JobNotFoundException(id);
            }
            throw new NothingToRetryException(id);
        }
        return (int) reply;
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
        return RedisConnector.dedicated(uri, options);
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
        try {
            redis.set(key, data, SetParams.setParams().ex(Math.max(1, ttl.toSeconds())));
        } catch (RuntimeException e) {
            throw errors.translate(e, "storing " + data.length + " bytes of data");
        }
        return sha256;
    }

    /** The data stored under a hash on a queue, if it has not expired. */
    public Optional<byte[]> fetchBlob(String queue, String sha256) {
        try {
            return Optional.ofNullable(redis.get(queue(queue).keys().blob(sha256).getBytes(StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            throw errors.translate(e, "fetching data " + sha256);
        }
    }

    /** The Redis server's version, e.g. "7.0.15". */
    public String serverVersion() {
        try {
            for (String line : redis.info("server").split("\r?\n")) {
                if (line.startsWith("redis_version:")) {
                    return line.substring("redis_version:".length()).trim();
                }
            }
            return "unknown";
        } catch (RuntimeException e) {
            throw errors.translate(e, "reading the server version");
        }
    }

    @Override
    public void close() {
        redis.close();
    }
}
