package dev.scatter.localredis;

/** A local redis-server could not be found, started or stopped. */
public class LocalRedisException extends RuntimeException {

    public LocalRedisException(String message) {
        super(message);
    }

    public LocalRedisException(String message, Throwable cause) {
        super(message, cause);
    }
}
