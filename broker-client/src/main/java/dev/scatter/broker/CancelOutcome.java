package dev.scatter.broker;

/** What {@link Broker#cancel(JobId)} did. */
public enum CancelOutcome {
    CANCELLED, NOT_FOUND, ALREADY_ENDED;

    static CancelOutcome of(ReturnCode code) {
        return switch (code) {
            case JOB_NOT_FOUND -> NOT_FOUND;
            case JOB_NOT_ACTIVE -> ALREADY_ENDED;
            case CANCELLED -> CANCELLED;
            default -> throw new BrokerException("unexpected reply to cancel: " + code);
        };
    }
}
