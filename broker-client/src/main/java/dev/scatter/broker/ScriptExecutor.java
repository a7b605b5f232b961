package dev.scatter.broker;

import java.util.List;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Runs the Lua scripts: EVALSHA first, and on NOSCRIPT (a restarted or failed-over Redis forgets its scripts)
 * loads the source once and tries again.
 */
final class ScriptExecutor {

    private final UnifiedJedis redis;
    private final RedisErrors errors;
    private final ReplicaWait replicas;
    private final SlotBreaker breaker;

    ScriptExecutor(UnifiedJedis redis, RedisErrors errors, ReplicaWait replicas) {
        this(redis, errors, replicas, null);
    }

    private ScriptExecutor(UnifiedJedis redis, RedisErrors errors, ReplicaWait replicas, SlotBreaker breaker) {
        this.redis = redis;
        this.errors = errors;
        this.replicas = replicas;
        this.breaker = breaker;
    }

    /**
     * The executor for one queue's calls: under Redis Cluster with a {@link SlotBreaker} of its own, so that a
     * queue on a lost node fails fast while the others go on; otherwise this one (all queues share one server).
     */
    ScriptExecutor forQueue(String queue) {
        return redis instanceof RedisClusterClient ? new ScriptExecutor(redis, errors, replicas, new SlotBreaker(queue)) : this;
    }

    Object run(LuaScript script, List<String> keys, List<String> args) {
        if (!script.takes(keys.size())) {
            throw new IllegalArgumentException(script.fileName() + " takes " + script.keyCount() + " keys"
                    + (script.keysPerJob() == 0 ? "" : " and " + script.keysPerJob() + " per job") + ", not " + keys.size());
        }
        if (breaker == null) {
            return call(script, keys, args);
        }
        breaker.check();
        try {
            Object reply = call(script, keys, args);
            breaker.succeeded();
            return reply;
        } catch (BrokerUnavailableException e) {
            breaker.failed(e);
            throw e;
        }
    }

    private Object call(LuaScript script, List<String> keys, List<String> args) {
        try {
            try {
                return evalsha(script, keys, args);
            } catch (JedisConnectionException broken) {
                // After a Redis restart every pooled connection is dead: drop them all and try once more on a
                // fresh one. Repeating is safe for every script (see docs/protocol.md, "Repeating a call").
                if (redis instanceof RedisClient client) {
                    client.getPool().clear();
                }
                return evalsha(script, keys, args);
            }
        } catch (RuntimeException e) {
            throw errors.translate(e, "running " + script.fileName());
        }
    }

    private Object evalsha(LuaScript script, List<String> keys, List<String> args) {
        if (replicas.appliesTo(script)) {
            return replicas.evalshaAndWait(redis, script, keys, args);
        }
        try {
            return redis.evalsha(script.sha1(), keys, args);
        } catch (JedisNoScriptException notLoaded) {
            redis.scriptLoad(script.source(), keys.get(0));
            return redis.evalsha(script.sha1(), keys, args);
        }
    }
}
