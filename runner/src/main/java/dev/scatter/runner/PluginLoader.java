package dev.scatter.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Makes the task kinds in a directory of plug-in jars visible: a class loader over every jar in it, whose
 * {@link java.util.ServiceLoader} finds the built-in kinds and the plug-ins' alike.
 */
public final class PluginLoader {

    private PluginLoader() {
    }

    public static ClassLoader withPlugins(Path directory, ClassLoader parent) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("--plugins " + directory + " is not a directory");
        }
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                if (file.getFileName().toString().endsWith(".jar")) {
                    jars.add(file.toUri().toURL());
                }
            }
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("cannot read plug-in " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list plug-ins in " + directory, e);
        }
        return new URLClassLoader("scatter-plugins", jars.toArray(URL[]::new), parent);
    }
}
