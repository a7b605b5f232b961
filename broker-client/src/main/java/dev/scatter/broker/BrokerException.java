package dev.scatter.broker;

/** Base of every error the broker client reports; messages name host and port, never a password. */
public class BrokerException extends RuntimeException {

    public BrokerException(String message) {
        super(message);
    }

    public BrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}
