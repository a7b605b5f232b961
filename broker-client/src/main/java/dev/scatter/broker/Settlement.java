package dev.scatter.broker;

/**
 * One entry of a settle-8 call: an op on a lease member, with its two arguments (a result; a retry delay and an
 * error text; or nothing).
 */
record Settlement(SettleOp op, String leaseId, String a, String b) {

    static Settlement of(SettleOp op, String leaseId) {
        return new Settlement(op, leaseId, "", "");
    }
}
