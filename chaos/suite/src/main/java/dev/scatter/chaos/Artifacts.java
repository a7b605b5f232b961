package dev.scatter.chaos;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The jars the suite starts runners from: the runner's runnable jar and the poison plug-in. The build passes
 * their paths as system properties; otherwise they are looked for in the source tree above the working
 * directory, where {@code ./mvnw package} leaves them.
 */
public final class Artifacts {

    private Artifacts() {
    }

    public static Path runnerJar() {
        return find("scatter.runner.jar", "runner/target/scatter-runner-all.jar");
    }

    public static Path poisonJar() {
        return find("scatter.chaos.poison.jar", "chaos/poison/target/chaos-poison.jar");
    }

    private static Path find(String property, String relative) {
        String given = System.getProperty(property);
        if (given != null && !given.isBlank()) {
            return existing(Path.of(given).toAbsolutePath().normalize(), property);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find " + relative + ": build it first (./mvnw -B -DskipTests package)"
                + " or set -D" + property);
    }

    private static Path existing(Path path, String property) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(property + " names " + path + ", which does not exist: build it first"
                    + " (./mvnw -B -DskipTests package)");
        }
        return path;
    }
}
