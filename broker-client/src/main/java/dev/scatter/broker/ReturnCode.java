package dev.scatter.broker;

/**
 * The integer codes the Lua scripts return, one to one and unique across scripts. Positive codes are outcomes,
 * negative ones say why nothing (or only a drop) happened. docs/protocol.md lists which script returns which.
 */
public enum ReturnCode {
    COUNTED(1),
    DUPLICATE(2),
    RETRY_SCHEDULED(3),
    DEAD(4),
    REQUEUED(5),
    SUBMITTED(6),
    CANCELLED(7),
    /** Counted, and with it every task of a shard of a sharded job has succeeded: tell the job (shard-end-8). */
    SHARD_ENDED(8),
    LEASE_LOST(-1),
    JOB_NOT_FOUND(-2),
    JOB_NOT_ACTIVE(-3),
    MALFORMED(-4),
    NOT_EXPIRED(-5),
    ALREADY_DONE(-6),
    JOB_EXISTS(-10);

    private final int code;

    ReturnCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static ReturnCode of(long code) {
        for (ReturnCode value : values()) {
            if (value.code == code) {
                return value;
            }
        }
        throw new BrokerException("unknown script return code " + code);
    }
}
