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
}
