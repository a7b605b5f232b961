package dev.scatter.broker;

/** The ways settle-8 ends a lease, by the letter the script reads. */
enum SettleOp {
    /** A result: recorded and counted once, whoever reports it. */
    COMPLETE("C"),
    /** A failed attempt: retried after a back-off, or quarantined when attempts are used up or it is permanent. */
    FAIL("F"),
    /** A lease that ran out: its task is made ready again, charged to the task's recoveries, not its attempts. */
    EXPIRE("E"),
    /** A hand-back: made ready again at once, with no attempt charged. */
    RELEASE("R");

    private final String wire;

    SettleOp(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }
}
