package dev.scatter.task;

/** The task kinds found cannot be used: two share a name, or one's name is not a valid kind name. */
public class InvalidTaskKindException extends IllegalArgumentException {

    public InvalidTaskKindException(String message) {
        super(message);
    }
}
