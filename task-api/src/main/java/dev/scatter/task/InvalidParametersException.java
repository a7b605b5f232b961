package dev.scatter.task;

/**
 * A job's parameters cannot run. Thrown by {@link TaskKind#prepare} it refuses the submission; thrown by
 * {@link TaskKind#run} it quarantines the task at once, since retrying cannot help.
 */
public class InvalidParametersException extends RuntimeException {

    public InvalidParametersException(String message) {
        super(message);
    }
}
