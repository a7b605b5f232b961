package dev.scatter.deploy;

import dev.scatter.deploy.Dockerfile.Instruction;
import dev.scatter.deploy.Dockerfile.Stage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The image's files and environment laid out under a directory of this machine, as the Dockerfile's last stage
 * puts them in the image: each COPY (from the build stage: the jars the reactor built; from the context: the
 * checkout) to the same path under the directory, and each ENV, with paths into the image moved with them.
 * What runs here is then what the image runs, on this machine's JDK 17 instead of the base image's JRE 17.
 */
final class ImageRoot {

    private final Path root;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> entrypoint;
    private final List<String> cmd;
    private final Path workDir;

    ImageRoot(Dockerfile dockerfile, Path root) {
        this.root = root;
        Stage image = dockerfile.last();
        for (Instruction copy : image.all("COPY")) {
            List<String> operands = copy.operands();
            if (operands.size() != 2) {
                throw new AssertionError("line " + copy.line() + ": expected COPY SOURCE DEST, got " + copy.arguments());
            }
            Path source = copy.flag("from") != null
                    ? Repo.builtJar(fromBuildStage(dockerfile, copy))
                    : Repo.file(operands.get(0));
            Path target = inside(operands.get(1));
            copy(source, target);
            if ("0755".equals(copy.flag("chmod")) || "755".equals(copy.flag("chmod"))) {
                if (!target.toFile().setExecutable(true, false)) {
                    throw new IllegalStateException("cannot make " + target + " executable");
                }
            }
        }
        String hostPath = Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin";
        for (Map.Entry<String, String> e : image.env().entrySet()) {
            String value = e.getKey().equals("PATH")
                    ? String.join(":", rebasePathList(e.getValue().replace("${PATH}", hostPath).replace("$PATH", hostPath)))
                    : rebase(e.getValue());
            environment.put(e.getKey(), value);
        }
        environment.putIfAbsent("PATH", hostPath);
        entrypoint = image.last("ENTRYPOINT").execForm();
        cmd = image.last("CMD").execForm();
        try {
            workDir = Files.createDirectories(root.resolve("work"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        environment.put("HOME", workDir.toString());
    }

    /** Build-stage files the last stage copies, as checkout-relative paths ("runner/target/...jar") to image paths. */
    static Map<String, String> copiedFromBuild(Dockerfile dockerfile) {
        Map<String, String> copied = new LinkedHashMap<>();
        for (Instruction copy : dockerfile.last().all("COPY")) {
            if (copy.flag("from") != null) {
                copied.put(fromBuildStage(dockerfile, copy), copy.operands().get(1));
            }
        }
        return copied;
    }

    private static String fromBuildStage(Dockerfile dockerfile, Instruction copy) {
        Stage build = dockerfile.stage(copy.flag("from"));
        String workDir = build.last("WORKDIR").arguments();
        String source = copy.operands().get(0);
        if (!source.startsWith(workDir + "/")) {
            throw new AssertionError("line " + copy.line() + ": " + source + " is not under the build stage's " + workDir);
        }
        return source.substring(workDir.length() + 1);
    }

    /** The image's ENTRYPOINT with these arguments, as `docker run IMAGE ARGS` runs it. */
    List<String> command(String... args) {
        List<String> command = new ArrayList<>(rebasePathList(entrypoint));
        command.addAll(List.of(args));
        return command;
    }

    /** ENTRYPOINT plus CMD: what `docker run IMAGE` runs. */
    List<String> defaultCommand() {
        List<String> command = command();
        command.addAll(cmd);
        return command;
    }

    List<String> cmd() {
        return cmd;
    }

    /** A process in the image's environment, with {@code extraEnv} set as `docker run -e` would. */
    ProcessBuilder process(List<String> command, Map<String, String> extraEnv) {
        List<String> resolved = new ArrayList<>(command);
        resolved.set(0, onPath(command.get(0), extraEnv.getOrDefault("PATH", environment.get("PATH"))));
        ProcessBuilder builder = new ProcessBuilder(resolved).directory(workDir.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().putAll(extraEnv);
        return builder;
    }

    /**
     * A program name looked up on the image's PATH, as the container runtime does for an exec-form command
     * (ProcessBuilder would search this JVM's PATH instead).
     */
    private static String onPath(String program, String path) {
        if (program.contains("/")) {
            return program;
        }
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError(program + " is not on the image's PATH " + path);
    }

    Map<String, String> environment() {
        return environment;
    }

    /** A path in the image, e.g. "/opt/scatter/lib/scatter-runner.jar", under this root. */
    Path inside(String imagePath) {
        if (!imagePath.startsWith("/")) {
            throw new AssertionError("image paths in the Dockerfile should be absolute: " + imagePath);
        }
        return root.resolve(imagePath.substring(1));
    }

    private String rebase(String value) {
        if (value.startsWith("/") && Files.exists(inside(value))) {
            return inside(value).toString();
        }
        return value;
    }

    private List<String> rebasePathList(List<String> words) {
        return words.stream().map(this::rebase).toList();
    }

    private List<String> rebasePathList(String colonSeparated) {
        return rebasePathList(List.of(colonSeparated.split(":")));
    }

    private static void copy(Path source, Path target) {
        try {
            Files.createDirectories(target.getParent());
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
