package dev.scatter.broker;

import java.util.Optional;

/**
 * A lease member "<job>:<task>:<attempt>:<token>" as the scripts write it: {@code task} is an index without
 * leading zeros or "r" for the job's reduce, {@code attempt} the attempt this lease is for, {@code token} the
 * claim's random token. Anything else read from Redis is refused, not guessed at.
 */
record LeaseMember(String job, String task, int attempt, String token) {

    /** Parsed by hand rather than by a regular expression: a claim of 2,000 tasks parses 2,000 members. */
    static Optional<LeaseMember> parse(String member) {
        if (member == null) {
            return Optional.empty();
        }
        int a = member.indexOf(':');
        int b = a < 0 ? -1 : member.indexOf(':', a + 1);
        int c = b < 0 ? -1 : member.indexOf(':', b + 1);
        if (c < 0 || member.indexOf(':', c + 1) >= 0) {
            return Optional.empty();
        }
        String job = member.substring(0, a);
        String task = member.substring(a + 1, b);
        String attempt = member.substring(b + 1, c);
        String token = member.substring(c + 1);
        if (!base36(job, 40) || !base36(token, 40) || !(task.equals("r") || canonical(task))
                || !canonical(attempt) || attempt.equals("0")) {
            return Optional.empty();
        }
        return Optional.of(new LeaseMember(job, task, Integer.parseInt(attempt), token));
    }

    /** The job id of a member, or null when it is not of the form: used to declare the job's keys to a script. */
    static String jobOf(String member) {
        int colon = member == null ? -1 : member.indexOf(':');
        return colon > 0 && base36(member.substring(0, colon), 40) ? member.substring(0, colon) : null;
    }

    /** 1 to {@code max} characters of [0-9a-z]. */
    private static boolean base36(String s, int max) {
        if (s.isEmpty() || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!(ch >= '0' && ch <= '9') && !(ch >= 'a' && ch <= 'z')) {
                return false;
            }
        }
        return true;
    }

    /** A decimal as the scripts write it: no sign, no leading zero, at most 9 digits. */
    private static boolean canonical(String s) {
        if (s.isEmpty() || s.length() > 9 || (s.length() > 1 && s.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The member as the scripts wrote it. */
    String wire() {
        return job + ":" + task + ":" + attempt + ":" + token;
    }

    int taskIndex() {
        return task.equals("r") ? ClaimedTask.REDUCE : Integer.parseInt(task);
    }
}
