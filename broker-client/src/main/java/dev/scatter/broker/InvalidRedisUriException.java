package dev.scatter.broker;

/** A Redis URI that cannot be used; the message shows it with any password masked. */
public class InvalidRedisUriException extends BrokerException {

    public InvalidRedisUriException(String message) {
        super(message);
    }
}
