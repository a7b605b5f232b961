package dev.scatter.task;

import java.util.Optional;

/**
 * Content-addressed data shared by the tasks of a job, such as a dataset that every fold of a sweep reads: stored
 * once in Redis under the SHA-256 of its bytes, fetched and cached by each runner.
 */
public interface BlobStore {

    /** The bytes stored under {@code sha256} (lowercase hex), if they are still there. */
    Optional<byte[]> fetch(String sha256);
}
