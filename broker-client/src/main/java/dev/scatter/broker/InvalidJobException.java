package dev.scatter.broker;

/** A job that cannot be submitted as given (no tasks, too many tasks, params that are not JSON, ...). */
public class InvalidJobException extends BrokerException {

    public InvalidJobException(String message) {
        super(message);
    }
}
