package dev.scatter.broker;

import java.time.Duration;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * {@code --min-replicas N}: a submit, a settle and a cancel count as done only once N replicas have them. The
 * script and a {@code WAIT N} go down one connection in one pipeline (WAIT waits for that connection's own
 * writes), so the reply comes back only when the replicas have the write, or when they have not within the
 * timeout: then the call is reported unavailable ({@code NO_REPLICAS}) and its caller repeats it, which the
 * protocol makes safe (docs/protocol.md, "Repeating a call"); the repeat waits again.
 *
 * <p>Without it, replication is asynchronous: a master that dies can take with it writes it had acknowledged, and
 * after a failover a completed task runs again (its settle was lost with its lease still in place), a submitted
 * job may be gone. Accounting stays exactly once either way: a settle is replicated whole or not at all.
 */
final class ReplicaWait {

    private final int minReplicas;
    private final long timeoutMillis;

    ReplicaWait(int minReplicas, Duration socketTimeout) {
        this.minReplicas = minReplicas;
        // Well within the read timeout, which WAIT's reply must beat.
        this.timeoutMillis = Math.max(100, socketTimeout.toMillis() / 2);
    }

    boolean appliesTo(LuaScript script) {
        return minReplicas > 0
                && (script == LuaScript.SUBMIT || script == LuaScript.SETTLE || script == LuaScript.CANCEL
                        || script == LuaScript.PARENT || script == LuaScript.SHARD_END);
    }

    Object evalshaAndWait(UnifiedJedis redis, LuaScript script, List<String> keys, List<String> args) {
        Object reply;
        long acknowledged;
        try {
            Reply first = pipelined(redis, script, keys, args);
            reply = first.reply.get();
            acknowledged = first.replicas.get();
        } catch (JedisNoScriptException notLoaded) {
            redis.scriptLoad(script.source(), keys.get(0));
            Reply again = pipelined(redis, script, keys, args);
            reply = again.reply.get();
            acknowledged = again.replicas.get();
        }
        if (acknowledged < minReplicas) {
            throw new BrokerUnavailableException(BrokerUnavailableException.Condition.NO_REPLICAS, acknowledged
                    + " of the " + minReplicas + " replicas required had " + script.fileName() + "'s write within "
                    + timeoutMillis + " ms", null);
        }
        return reply;
    }

    private record Reply(Response<Object> reply, Response<Long> replicas) {
    }

    private Reply pipelined(UnifiedJedis redis, LuaScript script, List<String> keys, List<String> args) {
        try (AbstractPipeline pipeline = redis.pipelined()) {
            // Under Cluster the sample key sends WAIT to the node (and connection) that ran the script.
            Response<Object> reply = pipeline.evalsha(script.sha1(), keys, args);
            Response<Long> replicas = pipeline.waitReplicas(keys.get(0), minReplicas, timeoutMillis);
            pipeline.sync();
            return new Reply(reply, replicas);
        }
    }
}
