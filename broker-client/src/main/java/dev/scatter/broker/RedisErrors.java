package dev.scatter.broker;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLException;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisBusyException;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisRedirectionException;

/**
 * Turns Jedis exceptions into the broker's own, with messages that name the server's host and port and what
 * was being done, and that never contain the password (it is scrubbed even from Redis' own text). The cause of
 * each is a {@link RedactedCause}: the original chain, types and stack traces, with the password scrubbed from
 * every message, so a log that prints causes stays clean too.
 *
 * <p>The class of the exception says what a caller does about it: {@link BrokerUnavailableException} (an
 * outage: wait and retry), its {@link WrongServerException} (not Redis, or TLS on one side only: stop),
 * {@link BrokerAuthException} (credentials: stop); a plain {@link BrokerException} is anything else (an error
 * Redis answered, a script's error), which is neither the network's nor the user's fault.
 */
final class RedisErrors {

    private final RedisUri uri;
    private volatile Runnable topologyRefresh;

    RedisErrors(RedisUri uri) {
        this.uri = uri;
    }

    /**
     * What to run when a call met a redirect or a broken connection: under Cluster, a fresh read of the slot map.
     * A pipeline does not follow MOVED, nor learn of a replica's promotion, by itself; the call that failed is
     * reported as unavailable (TRY_AGAIN), and the caller's retry finds the slot where it now is.
     */
    void onTopologyDoubt(Runnable refresh) {
        this.topologyRefresh = refresh;
    }

    BrokerException translate(RuntimeException e, String action) {
        if (e instanceof BrokerException broker) {
            return broker;
        }
        Runnable refresh = topologyRefresh;
        if (refresh != null && (find(e, JedisRedirectionException.class) != null
                || find(e, JedisConnectionException.class) != null
                || find(e, JedisClusterOperationException.class) != null)) {
            try {
                refresh.run();
            } catch (RuntimeException stillDown) {
                // no node answered: the next failure tries again
            }
        }
        String where = "Redis at " + uri.address();
        String message = scrub(rootMessage(e));
        RedactedCause cause = RedactedCause.of(e, this::scrub);
        if (message.startsWith("NOAUTH") && uri.password() == null) {
            return new BrokerAuthException(where + " requires a password: give it in the URI, as redis://:PASSWORD@"
                    + uri.address(), cause);
        }
        JedisAccessControlException acl = find(e, JedisAccessControlException.class);
        if (acl != null) {
            String who = uri.user() == null ? "" : " for user '" + uri.user() + "'";
            return new BrokerAuthException(where + " refused the credentials" + who + ": " + scrub(acl.getMessage()),
                    cause);
        }
        if (message.contains("without any password configured")) {
            return new BrokerAuthException(where + " has no password set, but the URI gives one: remove it", cause);
        }
        if (uri.topology() == RedisUri.Topology.CLUSTER && message.contains("cluster slots cache")
                && find(e, JedisConnectionException.class) == null) {
            // Jedis asked each seed node for the slot map; they answered, but none gave one: not a cluster.
            return new WrongServerException("no seed node of " + where + " answered as a Redis Cluster node (is"
                    + " cluster mode on? for a single server use redis://): " + message, cause);
        }
        WrongServerException wrong = wrongServer(e, message, action, cause);
        if (wrong != null) {
            return wrong;
        }
        if (find(e, JedisConnectionException.class) != null) {
            return new BrokerUnavailableException("cannot reach " + where + " while " + action + ": "
                    + describeConnectionProblem(e, message), cause);
        }
        BrokerUnavailableException.Condition condition = find(e, JedisBusyException.class) != null
                ? BrokerUnavailableException.Condition.BUSY
                : serverCondition(message);
        if (condition != null) {
            return new BrokerUnavailableException(condition, where + " is " + condition.description() + " while "
                    + action + ": " + message, cause);
        }
        if (find(e, JedisDataException.class) != null) {
            return new BrokerException(where + " answered an error while " + action + ": " + message, cause);
        }
        return new BrokerException(where + ": " + action + " failed: " + message, cause);
    }

    /** Refused at once, before any Redis call: a rediss:// URI for a port that speaks plain Redis. */
    WrongServerException plainServerForTls() {
        return new WrongServerException("the TLS handshake with " + uri.address() + " failed: it speaks plain Redis"
                + " (it answered a plain PING); use redis:// for it, or the port Redis serves TLS on", null);
    }

    /** Not Redis at the address, or TLS on one side only; null when the failure is something else. */
    private WrongServerException wrongServer(Throwable e, String message, String action, RedactedCause cause) {
        String address = uri.address();
        if (message.startsWith("Unknown reply:")) {
            // Jedis read a first byte no Redis reply starts with: an HTTP server, say, answers 'H'.
            String first = message.substring("Unknown reply:".length()).strip();
            String shown = first.length() == 1 && first.charAt(0) > ' ' && first.charAt(0) < 127
                    ? " (its reply began with '" + first + "')" : "";
            return new WrongServerException("the server at " + address + " does not answer as Redis does" + shown
                    + ": is it a Redis server?" + (uri.tls() ? "" : " (if it is a TLS port, use rediss://)"), cause);
        }
        SSLException ssl = find(e, SSLException.class);
        if (ssl != null) {
            return new WrongServerException("the TLS handshake with " + address + " failed while " + action + ": "
                    + scrub(ssl.getMessage()), cause);
        }
        if (uri.tls() && find(e, SocketTimeoutException.class) != null && inTlsHandshake(e)) {
            return new WrongServerException("the TLS handshake with " + address + " failed: no answer within the"
                    + " read timeout (is it a TLS port? rediss:// needs one; use redis:// for a plain port)", cause);
        }
        if (!uri.tls() && action.equals("connecting") && message.contains("Unexpected end of stream")) {
            return new WrongServerException("the server at " + address + " closed the connection without answering"
                    + " as Redis does: if it is a TLS port, use rediss://", cause);
        }
        return null;
    }

    /** Whether the failure happened inside the TLS layer (a handshake that never got its answer). */
    private static boolean inTlsHandshake(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().startsWith("sun.security.ssl.")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A reply saying Redis cannot take writes for now. Redis 7 puts the code first ("OOM command not allowed
     * ..."); Redis 6.2 wraps an error raised inside a script ("ERR Error running script ...: -OOM ...").
     */
    private static final java.util.regex.Pattern RETRYABLE_REPLY = java.util.regex.Pattern.compile(
            "(?:^|: -)(OOM|READONLY|MASTERDOWN|NOREPLICAS|TRYAGAIN|MOVED|ASK|CLUSTERDOWN|LOADING|BUSY)\\b");

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
            // A redirect that reached the caller (a pipeline's): the slot has moved, and the map is being refreshed.
            case "TRYAGAIN", "MOVED", "ASK" -> BrokerUnavailableException.Condition.TRY_AGAIN;
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

    /** The text without the passwords (the server's and the sentinels'), as given or percent-encoded. */
    String scrub(String message) {
        if (message == null) {
            return "";
        }
        String scrubbed = message;
        for (String password : new String[] {uri.password(), uri.sentinelPassword()}) {
            if (password != null && !password.isEmpty()) {
                scrubbed = scrubbed.replace(password, "***")
                        .replace(URLEncoder.encode(password, StandardCharsets.UTF_8), "***");
            }
        }
        return scrubbed;
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
