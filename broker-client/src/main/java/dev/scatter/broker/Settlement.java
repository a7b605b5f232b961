package dev.scatter.broker;

/**
 * One entry of a settle-8 call: an op on a lease member, with its two arguments (a result; a retry delay and an
 * error text; or nothing) and what the runner says of the attempt (a JSON object, or "" for nothing).
 */
record Settlement(SettleOp op, String leaseId, String a, String b, String info) {

    Settlement(SettleOp op, String leaseId, String a, String b) {
        this(op, leaseId, a, b, "");
    }

    static Settlement of(SettleOp op, String leaseId) {
        return new Settlement(op, leaseId, "", "");
    }
}
