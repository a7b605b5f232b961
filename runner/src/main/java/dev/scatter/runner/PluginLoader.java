package dev.scatter.runner;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.scatter.task.TaskKind;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.jar.JarFile;
import java.util.List;
import java.util.stream.Stream;

/**
 * Makes the task kinds in a directory of plug-in jars visible: a class loader over every jar in it, whose
 * {@link java.util.ServiceLoader} finds the built-in kinds and the plug-ins' alike.
 */
public final class PluginLoader {

    private static final String SERVICES = "META-INF/services/" + TaskKind.class.getName();

    private PluginLoader() {
    }

    /**
     * A class loader over the jars in {@code directory}; every file named {@code .jar} must be one (a file that
     * is not would otherwise be skipped without a word, and its kinds missed).
     */
    public static ClassLoader withPlugins(Path directory, ClassLoader parent) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("--plugins " + directory + " is not a directory");
        }
        List<URL> jars = new ArrayList<>();
        Map<String, Path> providers = new HashMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                if (file.getFileName().toString().endsWith(".jar")) {
                    for (String provider : providers(file)) {
                        Path other = providers.putIfAbsent(provider, file);
                        if (other != null) {
                            // One class loader sees the first only: the other would be ignored without a word.
                            throw new IllegalArgumentException("--plugins: both " + other.getFileName() + " and "
                                    + file.getFileName() + " provide the task kind " + provider + ": keep one");
                        }
                    }
                    jars.add(file.toUri().toURL());
                }
            }
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("cannot read plug-in " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("--plugins " + directory + ": cannot list its files: " + e.getMessage());
        }
        return new URLClassLoader("scatter-plugins", jars.toArray(URL[]::new), parent);
    }

    /** The task kind classes a jar declares; refuses a file that is not a readable jar. */
    private static List<String> providers(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("--plugins: " + file + " is not a readable file");
        }
        try (JarFile jar = new JarFile(file.toFile())) {
            ZipEntry services = jar.getEntry(SERVICES);
            if (services == null) {
                return List.of();
            }
            try (InputStream in = jar.getInputStream(services)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .map(l -> l.replaceAll("#.*", "").strip()).filter(l -> !l.isEmpty()).toList();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--plugins: " + file + " is not a jar (" + e.getMessage() + ")");
        }
    }
}
