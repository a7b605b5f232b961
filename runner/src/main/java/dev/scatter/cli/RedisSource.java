package dev.scatter.cli;

import java.util.Map;
import java.util.Optional;

/** Where the Redis URI comes from: the --redis option, else the REDIS_URL environment variable. */
public final class RedisSource {

    public static final String ENV = "REDIS_URL";

    private RedisSource() {
    }

    public static Optional<String> resolve(String option, Map<String, String> env) {
        if (option != null && !option.isBlank()) {
            return Optional.of(option);
        }
        String fromEnv = env.get(ENV);
        return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(fromEnv);
    }
}
