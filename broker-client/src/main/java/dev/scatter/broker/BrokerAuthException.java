package dev.scatter.broker;

/** Redis refused the credentials, or wants some that were not given. Retrying will not help. */
public class BrokerAuthException extends BrokerException {

    public BrokerAuthException(String message, Throwable cause) {
        super(message, cause);
    }
}
