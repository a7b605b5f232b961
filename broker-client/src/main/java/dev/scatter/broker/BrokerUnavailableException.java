package dev.scatter.broker;

/**
 * Redis cannot take the call now: it cannot be reached, or it answered that it cannot serve writes for a while
 * (loading its data, busy with a script, out of memory, a replica, failing over). Worth retrying with back-off;
 * nothing the call would have written was written.
 */
public class BrokerUnavailableException extends BrokerException {

    /** Why Redis cannot take the call, from the reply (or its absence). */
    public enum Condition {
        UNREACHABLE("unreachable"),
        LOADING("loading its data"),
        BUSY("busy running a script"),
        OUT_OF_MEMORY("out of memory: at its maxmemory limit, it refuses writes"),
        READ_ONLY("a read-only replica"),
        MASTER_DOWN("a replica that lost its master"),
        NO_REPLICAS("short of the replicas it requires for writes"),
        TRY_AGAIN("moving keys between cluster nodes"),
        CLUSTER_DOWN("a cluster that is down"),
        CREDENTIALS_REFUSED("refusing the credentials it took before (were they changed?)");

        private final String description;

        Condition(String description) {
            this.description = description;
        }

        /** How a log line says it: "Redis at host:port is " + description. */
        public String description() {
            return description;
        }

        /** Whether Redis answers reads meanwhile and only refuses writes: a read that succeeds proves nothing. */
        public boolean refusesWritesOnly() {
            return this == OUT_OF_MEMORY || this == READ_ONLY || this == NO_REPLICAS;
        }
    }

    private final Condition condition;

    public BrokerUnavailableException(String message, Throwable cause) {
        this(Condition.UNREACHABLE, message, cause);
    }

    public BrokerUnavailableException(Condition condition, String message, Throwable cause) {
        super(message, cause);
        this.condition = condition;
    }

    public Condition condition() {
        return condition;
    }
}
