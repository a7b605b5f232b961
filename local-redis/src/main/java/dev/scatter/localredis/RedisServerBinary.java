package dev.scatter.localredis;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import redis.embedded.core.ExecutableProvider;

/**
 * Finds a redis-server executable to run: the one named by {@code SCATTER_REDIS_SERVER}, else the first
 * {@code redis-server} on PATH, else the binary bundled in the embedded-redis artifact (Redis 6.2), which is
 * extracted to a temporary file. A machine with only a JDK therefore still gets a real Redis.
 */
public final class RedisServerBinary {

    /** Environment variable naming a redis-server executable, or {@code embedded} to force the bundled one. */
    public static final String ENV_OVERRIDE = "SCATTER_REDIS_SERVER";

    private static volatile Path bundledCache;

    private RedisServerBinary() {
    }

    /** The executable chosen by the rules above. */
    public static Path locate() {
        String override = System.getenv(ENV_OVERRIDE);
        if (override == null || override.isBlank()) {
            override = System.getProperty("scatter.redis.server");
        }
        if (override != null && !override.isBlank()) {
            if (override.equals("embedded")) {
                return bundled();
            }
            Path path = Path.of(override);
            if (!Files.isExecutable(path)) {
                throw new LocalRedisException(ENV_OVERRIDE + " names " + path + ", which is not an executable file");
            }
            return path;
        }
        return onPath().orElseGet(RedisServerBinary::bundled);
    }

    /** The first executable {@code redis-server} on PATH, if any. */
    public static Optional<Path> onPath() {
        String pathVariable = System.getenv("PATH");
        if (pathVariable == null) {
            return Optional.empty();
        }
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The redis-server shipped inside the embedded-redis jar, extracted once per process. */
    public static synchronized Path bundled() {
        if (bundledCache != null && Files.isExecutable(bundledCache)) {
            return bundledCache;
        }
        try {
            File file = ExecutableProvider.newJarResourceProvider().get();
            if (!file.canExecute() && !file.setExecutable(true)) {
                throw new LocalRedisException("cannot make the bundled redis-server executable: " + file);
            }
            bundledCache = file.toPath();
            return bundledCache;
        } catch (IOException | RuntimeException e) {
            throw new LocalRedisException(
                    "no redis-server on PATH and the bundled one cannot be used on this platform ("
                            + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                            + "): install Redis 6.2 or newer, or set " + ENV_OVERRIDE, e);
        }
    }
}
