package dev.scatter.broker;

/**
 * The address answers, but not as the URI says it should: it is not a Redis server, or TLS is on one side only
 * ({@code rediss://} to a plain port, or the other way round). Retrying will not help, so a runner stops; to
 * code that retries outages it is an outage like any other, since it can also be a passing fault.
 */
public class WrongServerException extends BrokerUnavailableException {

    public WrongServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
