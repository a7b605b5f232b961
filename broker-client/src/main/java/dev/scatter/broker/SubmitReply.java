package dev.scatter.broker;

/**
 * What submit-6 answers: {@link ReturnCode#SUBMITTED}, {@link ReturnCode#MALFORMED}, or {@link ReturnCode#JOB_EXISTS}
 * with the token the existing job was submitted with (a repeated call recognises its own first attempt by it).
 */
record SubmitReply(ReturnCode code, String existingToken) {

    static SubmitReply of(Object raw) {
        java.util.List<?> reply = Replies.list(raw);
        ReturnCode code = ReturnCode.of(Replies.number(reply.get(0)));
        return new SubmitReply(code, code == ReturnCode.JOB_EXISTS ? Replies.string(reply.get(1)) : null);
    }

    /**
     * Throws unless the job was created by this call: refused as not of the protocol's form, or its id taken by
     * another job. A call repeated after a broken connection (see ScriptExecutor) finds its own first attempt by its
     * {@code token}; ids are milliseconds plus 25 random bits, so a clash is all but impossible, yet never silent.
     */
    void requireCreated(JobId id, String kind, String token) {
        if (code == ReturnCode.MALFORMED) {
            throw new InvalidJobException("the job is not of the protocol's form (kind '" + kind + "')");
        }
        if (code == ReturnCode.JOB_EXISTS && !token.equals(existingToken)) {
            throw new BrokerException("job id " + id + " is taken; submit again");
        }
    }
}
