package dev.scatter.broker;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The queues a sharded job's tasks live on. Shard queue names are the job's queue, a {@code ~} and a number
 * ({@code pi~17}): a user's queue name cannot hold a {@code ~}, so they never clash with one. Each is a hash tag of
 * its own, so Redis Cluster places it by the CRC16 of its name; the numbers are chosen so that shard i of N falls
 * in the i-th N-th of the 16,384 hash slots. Clusters give each master a contiguous run of slots (redis-cli
 * --cluster create splits them evenly), so N shards, with N a multiple of the masters, spread evenly over them.
 * The names depend only on the queue and N: every job of N shards on a queue uses the same queues.
 */
public final class ShardQueues {

    /** A job is split into at most this many shards (each with up to the per-job task cap). */
    public static final int MAX_SHARDS = 256;
    private static final int SLOTS = 16384;
    private static final Pattern SHARD = Pattern.compile("([A-Za-z0-9_.-]{1,64})~(0|[1-9][0-9]{0,5})");

    private ShardQueues() {
    }

    /** The queues of the N shards of a job on {@code queue}, shard 0 first. */
    public static List<String> names(String queue, int shards) {
        QueueKeys.requireValidQueueName(queue);
        if (shards < 2 || shards > MAX_SHARDS) {
            throw new InvalidJobException("a job is split into 2 to " + MAX_SHARDS + " shards, not " + shards);
        }
        List<String> names = new ArrayList<>(shards);
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < shards; i++) {
            int from = (int) ((long) i * SLOTS / shards);
            int to = (int) ((long) (i + 1) * SLOTS / shards);
            for (int k = 0; ; k++) {
                String name = queue + "~" + k;
                int slot = JedisClusterCRC16.getSlot(name);
                if (slot >= from && slot < to && taken.add(name)) {
                    names.add(name);
                    break;
                }
            }
        }
        return names;
    }

    /** Whether {@code queue} is the queue of a shard (its name holds a {@code ~}). */
    public static boolean isShard(String queue) {
        return queue != null && SHARD.matcher(queue).matches();
    }

    /** The queue a shard queue belongs to; the name itself for a queue that is no shard's. */
    public static String parentOf(String queue) {
        Matcher m = SHARD.matcher(queue);
        return m.matches() ? m.group(1) : queue;
    }
}
