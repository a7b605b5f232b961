package dev.scatter.bench;

/** A benchmark that ran but could not produce trustworthy figures (e.g. a task counted twice). */
final class BenchFailure extends RuntimeException {

    BenchFailure(String message) {
        super(message);
    }

    BenchFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
