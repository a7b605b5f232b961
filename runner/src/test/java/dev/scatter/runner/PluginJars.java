package dev.scatter.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Plug-in jars made by the test: a task kind of a given name, compiled from source against this classpath. */
final class PluginJars {

    private PluginJars() {
    }

    /** A jar in {@code dir} holding class {@code className} (in package plug) whose kind is named {@code kindName}. */
    static Path kind(Path dir, String jarName, String className, String kindName) throws IOException {
        Path src = Files.createTempDirectory("plugin-src-");
        Path source = src.resolve("plug").resolve(className + ".java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                package plug;
                public final class %s implements dev.scatter.task.TaskKind {
                    public String name() { return "%s"; }
                    public com.fasterxml.jackson.databind.node.ObjectNode prepare(
                            com.fasterxml.jackson.databind.node.ObjectNode params, int tasks) { return params; }
                    public com.fasterxml.jackson.databind.JsonNode run(dev.scatter.task.TaskContext task) {
                        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                    }
                    public com.fasterxml.jackson.databind.JsonNode reduce(dev.scatter.task.ReduceContext job) {
                        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                    }
                }
                """.formatted(className, kindName.replace("\\", "\\\\").replace("\"", "\\\"")));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-cp", System.getProperty("java.class.path"), "-d", src.toString(),
                source.toString());
        if (status != 0) {
            throw new IllegalStateException("could not compile " + source);
        }
        Path jar = dir.resolve(jarName);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, "plug/" + className + ".class", Files.readAllBytes(src.resolve("plug").resolve(className + ".class")));
            put(out, "META-INF/services/dev.scatter.task.TaskKind",
                    ("plug." + className + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    /** A jar that declares a kind class it does not hold. */
    static Path missingProvider(Path dir, String jarName) throws IOException {
        Path jar = dir.resolve(jarName);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, "META-INF/services/dev.scatter.task.TaskKind", "plug.Nowhere\n".getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }
}
