package dev.scatter.broker;

import java.util.Map;

/**
 * Builds a {@link JobStatus} from a job hash and, while the job has not ended, its entry in the queue's active
 * hash, which holds its live state and start time ("state|startedAt|total|maxAttempts|kind"): claim-6 moves a job
 * from queued to running there, as it declares no job key of its own.
 */
final class JobReader {

    private JobReader() {
    }

    static JobStatus read(JobId id, Map<String, String> hash, String activeEntry) {
        String state = hash.get("state");
        String startedAt = hash.get("startedAt");
        if (activeEntry != null) {
            String[] live = activeEntry.split("\\|", 3);
            if (live.length == 3) {
                state = live[0];
                if (!live[1].equals("0")) {
                    startedAt = live[1];
                }
            }
        }
        return new JobStatus(
                id,
                hash.get("kind"),
                hash.get("params"),
                JobState.fromWire(state),
                Replies.intField(hash, "total"),
                Replies.intField(hash, "succeeded"),
                Replies.intField(hash, "failed"),
                Replies.intField(hash, "maxAttempts"),
                Replies.intField(hash, "maxRecoveries"),
                Replies.longField(hash, "retries"),
                Replies.longField(hash, "recovered"),
                Replies.longField(hash, "handedBack"),
                Replies.instantField(hash, "createdAt"),
                startedAt == null ? null : java.time.Instant.ofEpochMilli(Replies.parseLong(startedAt, 0)),
                Replies.instantField(hash, "finishedAt"),
                hash.get("result"),
                hash.get("error"));
    }
}
