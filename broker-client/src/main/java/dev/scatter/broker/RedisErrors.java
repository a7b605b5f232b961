package dev.scatter.broker;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisBusyException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Turns Jedis exceptions into the broker's own, with messages that name the server's host and port and what
 * was being done, and that never contain the password (it is scrubbed even from Redis' own text).
 */
final class RedisErrors {

    private final RedisUri uri;

    RedisErrors(RedisUri uri) {
        this.uri = uri;
    }

    BrokerException translate(RuntimeException e, String action) {
        if (e instanceof BrokerException broker) {
            return broker;
        }
        String where = "Redis at " + uri.address();
        String message = scrub(rootMessage(e));
        if (message.startsWith("NOAUTH") && uri.password() == null) {
            return new BrokerAuthException(where + " requires a password: give it in the URI, as redis://:PASSWORD@"
                    + uri.address(), null);
        }
        JedisAccessControlException acl = find(e, JedisAccessControlException.class);
        if (acl != null) {
            String who = uri.user() == null ? "" : " for user '" + uri.user() + "'";
            return new BrokerAuthException(where + " refused the credentials" + who + ": " + scrub(acl.getMessage()), null);
        }
        if (message.contains("without any password configured")) {
            return new BrokerAuthException(where + " has no password set, but the URI gives one: remove it", null);
        }
        if (find(e, JedisConnectionException.class) != null) {
            return new BrokerUnavailableException("cannot reach " + where + " while " + action + ": "
                    + describeConnectionProblem(e, message), null);
        }
        BrokerUnavailableException.Condition condition = find(e, JedisBusyException.class) != null
                ? BrokerUnavailableException.Condition.BUSY
                : serverCondition(message);
        if (condition != null) {
            return new BrokerUnavailableException(condition, where + " is " + condition.description() + " while "
                    + action + ": " + message, null);
        }
        if (find(e, JedisDataException.class) != null) {
            return new BrokerException(where + " answered an error while " + action + ": " + message);
        }
        return new BrokerException(where + ": " + action + " failed: " + message);
    }

    /**
     * A reply saying Redis cannot take writes for now. Redis 7 puts the code first ("OOM command not allowed
     * ..."); Redis 6.2 wraps an error raised inside a script ("ERR Error running script ...: -OOM ...").
     */
    private static final java.util.regex.Pattern RETRYABLE_REPLY = java.util.regex.Pattern.compile(
            "(?:^|: -)(OOM|READONLY|MASTERDOWN|NOREPLICAS|TRYAGAIN|CLUSTERDOWN|LOADING|BUSY)\\b");

    static BrokerUnavailableException.Condition serverCondition(String message) {
        java.util.regex.Matcher m = RETRYABLE_REPLY.matcher(message);
        if (!m.find()) {
            return null;
        }
        return switch (m.group(1)) {
            case "OOM" -> BrokerUnavailableException.Condition.OUT_OF_MEMORY;
            case "READONLY" -> BrokerUnavailableException.Condition.READ_ONLY;
            case "MASTERDOWN" -> BrokerUnavailableException.Condition.MASTER_DOWN;
            case "NOREPLICAS" -> BrokerUnavailableException.Condition.NO_REPLICAS;
            case "TRYAGAIN" -> BrokerUnavailableException.Condition.TRY_AGAIN;
            case "CLUSTERDOWN" -> BrokerUnavailableException.Condition.CLUSTER_DOWN;
            case "LOADING" -> BrokerUnavailableException.Condition.LOADING;
            default -> BrokerUnavailableException.Condition.BUSY;
        };
    }

    private static String describeConnectionProblem(Throwable e, String message) {
        if (find(e, ConnectException.class) != null) {
            return "connection refused (is redis-server running there?)";
        }
        if (find(e, UnknownHostException.class) != null) {
            return "unknown host";
        }
        if (find(e, SocketTimeoutException.class) != null) {
            return "timed out";
        }
        return message;
    }

    private String scrub(String message) {
        if (message == null) {
            return "";
        }
        String password = uri.password();
        return password == null || password.isEmpty() ? message : message.replace(password, "***");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        String message = e.getMessage();
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    /** Looks through the causes, and the suppressed exceptions Jedis attaches when every address failed. */
    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            for (Throwable suppressed : t.getSuppressed()) {
                T found = find(suppressed, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
