package dev.scatter.broker;

/** Redis cannot be reached (refused, timed out, connection lost). Worth retrying with back-off. */
public class BrokerUnavailableException extends BrokerException {

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
