package dev.scatter.broker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link JobStatus} from a job hash and, while the job has not ended, its entry in the queue's active
 * hash, which holds its live state and start time ("state|startedAt|total|maxAttempts|kind"): claim-7 moves a job
 * from queued to running there, as it declares no job key of its own.
 *
 * <p>It reads tolerantly: a field that does not read (a total of "abc", an unknown state, a missing kind) makes
 * that one job {@linkplain JobStatus#broken() broken}, with each problem named, instead of failing every command
 * that lists the queue. Unreadable numbers read as 0, times as null.
 */
final class JobReader {

    private final Map<String, String> hash;
    private final List<String> problems = new ArrayList<>();

    private JobReader(Map<String, String> hash) {
        this.hash = hash;
    }

    static JobStatus read(JobId id, Map<String, String> hash, String activeEntry) {
        JobReader r = new JobReader(hash);
        String kind = r.kind();
        String startedAt = hash.get("startedAt");
        String liveState = null;
        if (activeEntry != null) {
            String[] live = activeEntry.split("\\|", 3);
            if (live.length == 3) {
                liveState = live[0];
                if (!live[1].equals("0")) {
                    startedAt = live[1];
                }
            }
        }
        JobState state = r.state(liveState);
        int total = (int) r.number("total", true, Integer.MAX_VALUE);
        return new JobStatus(
                id,
                kind,
                hash.get("params"),
                state,
                total,
                (int) r.number("succeeded", false, Integer.MAX_VALUE),
                (int) r.number("failed", false, Integer.MAX_VALUE),
                (int) r.number("maxAttempts", false, Integer.MAX_VALUE),
                (int) r.number("maxRecoveries", false, Integer.MAX_VALUE),
                r.number("retries", false, Long.MAX_VALUE),
                r.number("recovered", false, Long.MAX_VALUE),
                r.number("handedBack", false, Long.MAX_VALUE),
                r.instant("createdAt", hash.get("createdAt")),
                r.instant("startedAt", startedAt),
                r.instant("finishedAt", hash.get("finishedAt")),
                hash.get("result"),
                hash.get("error"),
                r.problems.isEmpty() ? null : String.join("; ", r.problems));
    }

    private String kind() {
        String kind = hash.get("kind");
        if (kind == null) {
            problems.add("kind is missing");
            return "?";
        }
        if (!JobSpec.KIND_NAME.matcher(kind).matches()) {
            problems.add("kind " + Excerpt.quote(kind) + " is not a kind name");
            return Excerpt.head(kind, 64);
        }
        return kind;
    }

    /** The live state from the active hash when the job has not ended, else the job hash's. */
    private JobState state(String liveState) {
        String state = liveState != null ? liveState : hash.get("state");
        if (state == null) {
            problems.add("state is missing");
            return JobState.BROKEN;
        }
        try {
            return JobState.fromWire(state);
        } catch (IllegalArgumentException e) {
            problems.add("state " + Excerpt.quote(state) + " is not a job state");
            return JobState.BROKEN;
        }
    }

    /** A counter from 0 to {@code max}; 0 when missing (older records lack some) unless it is required. */
    private long number(String field, boolean required, long max) {
        String value = hash.get(field);
        if (value == null) {
            if (required) {
                problems.add(field + " is missing");
            }
            return 0;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n < 0 || n > max) {
                problems.add(field + " is " + n + ", out of range");
                return 0;
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(field + " is " + Excerpt.quote(value) + ", not a whole number");
            return 0;
        }
    }

    private Instant instant(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            problems.add(field + " is " + Excerpt.quote(value) + ", not a time in milliseconds");
            return null;
        }
    }
}
