package dev.scatter.broker;

import java.util.Map;

/** Builds a {@link JobStatus} from a job hash. */
final class JobReader {

    private JobReader() {
    }

    static JobStatus read(JobId id, Map<String, String> hash) {
        return new JobStatus(
                id,
                hash.get("kind"),
                hash.get("params"),
                JobState.fromWire(hash.get("state")),
                Replies.intField(hash, "total"),
                Replies.intField(hash, "succeeded"),
                Replies.intField(hash, "failed"),
                Replies.intField(hash, "maxAttempts"),
                Replies.longField(hash, "retries"),
                Replies.longField(hash, "recovered"),
                Replies.instantField(hash, "createdAt"),
                Replies.instantField(hash, "startedAt"),
                Replies.instantField(hash, "finishedAt"),
                hash.get("result"),
                hash.get("error"));
    }
}
