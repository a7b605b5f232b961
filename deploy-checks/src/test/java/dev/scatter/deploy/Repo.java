package dev.scatter.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the checkout the checks read: the build passes its root as {@code scatter.root}. */
final class Repo {

    private Repo() {
    }

    static Path root() {
        String configured = System.getProperty("scatter.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("k8s"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no Scatter checkout at or above " + start);
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }

    /**
     * A jar the Dockerfile copies from the build stage. The reactor builds it before this module's tests run
     * ({@code ./mvnw verify}, or {@code -pl deploy-checks -am}).
     */
    static Path builtJar(String relative) {
        Path jar = file(relative);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./mvnw -pl deploy-checks -am verify)");
        }
        return jar;
    }
}
