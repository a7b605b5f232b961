package dev.scatter.cli;

import dev.scatter.broker.InvalidRedisUriException;
import java.util.Map;
import java.util.Optional;

/** Where the Redis URI comes from: the --redis option, else the REDIS_URL environment variable. */
public final class RedisSource {

    public static final String ENV = "REDIS_URL";

    private RedisSource() {
    }

    /**
     * The URI given, if any. An empty --redis is refused rather than read as none: a script's {@code --redis
     * "$URL"} with URL unset would otherwise run a whole job on this machine. An empty REDIS_URL is unset.
     */
    public static Optional<String> resolve(String option, Map<String, String> env) {
        if (option != null && option.isBlank()) {
            throw new InvalidRedisUriException("--redis is empty: give a Redis URI, or leave --redis out");
        }
        if (option != null) {
            return Optional.of(option);
        }
        String fromEnv = env.get(ENV);
        return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(fromEnv);
    }
}
