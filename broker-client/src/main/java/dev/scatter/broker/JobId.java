package dev.scatter.broker;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * A job's identity: its queue and its id. Written {@code id} for the default queue and {@code queue/id}
 * otherwise, which is what users type. Ids are lowercase base-36, time-ordered then random, e.g.
 * {@code mh3k2x9a7f2kq}. The queue may be a shard's ({@link ShardQueues}): a sharded job's shard is a job of the
 * same id there.
 */
public record JobId(String queue, String id) {

    public static final String DEFAULT_QUEUE = "default";
    private static final Pattern ID = Pattern.compile("[0-9a-z]{1,40}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public JobId {
        if (!ShardQueues.isShard(queue)) {
            QueueKeys.requireValidQueueName(queue);
        }
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("invalid job id " + Excerpt.quote(id)
                    + ": expected 1 to 40 lowercase letters and digits");
        }
    }

    /** Whether a text is of an id's form (what an index may hold that Scatter did not write is not). */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** A new id: milliseconds in base 36, then 5 random base-36 digits. */
    public static JobId next(String queue, long nowMillis) {
        StringBuilder random = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            random.append(Character.forDigit(RANDOM.nextInt(36), 36));
        }
        return new JobId(queue, Long.toString(nowMillis, 36) + random);
    }

    /** Parses {@code id} (default queue) or {@code queue/id}. */
    public static JobId parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no job id given");
        }
        int slash = text.indexOf('/');
        return slash < 0
                ? new JobId(DEFAULT_QUEUE, text.trim())
                : new JobId(text.substring(0, slash).trim(), text.substring(slash + 1).trim());
    }

    @Override
    public String toString() {
        return queue.equals(DEFAULT_QUEUE) ? id : queue + "/" + id;
    }
}
