package dev.scatter.broker;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lease member "<job>:<task>:<attempt>:<token>" as the scripts write it: {@code task} is an index without
 * leading zeros or "r" for the job's reduce, {@code attempt} the attempt this lease is for, {@code token} the
 * claim's random token. Anything else read from Redis is refused, not guessed at.
 */
record LeaseMember(String job, String task, int attempt, String token) {

    private static final Pattern FORM =
            Pattern.compile("([0-9a-z]{1,40}):(r|0|[1-9][0-9]{0,8}):([1-9][0-9]{0,8}):([0-9a-z]{1,40})");

    static Optional<LeaseMember> parse(String member) {
        Matcher m = member == null ? null : FORM.matcher(member);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new LeaseMember(m.group(1), m.group(2), Integer.parseInt(m.group(3)), m.group(4)));
    }

    /** The job id of a member, or null when it is not of the form: used to declare the job's keys to a script. */
    static String jobOf(String member) {
        return parse(member).map(LeaseMember::job).orElse(null);
    }

    /** The member as the scripts wrote it. */
    String wire() {
        return job + ":" + task + ":" + attempt + ":" + token;
    }

    int taskIndex() {
        return task.equals("r") ? ClaimedTask.REDUCE : Integer.parseInt(task);
    }
}
