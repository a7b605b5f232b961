package dev.scatter.broker;

/** A job's parameters or a task's result exceed the configured size limit. */
public class PayloadTooLargeException extends InvalidJobException {

    private final long size;
    private final long limit;

    public PayloadTooLargeException(String what, long size, long limit) {
        super(what + ": " + size + " bytes, over the limit of " + limit + " bytes");
        this.size = size;
        this.limit = limit;
    }

    public long size() {
        return size;
    }

    public long limit() {
        return limit;
    }
}
