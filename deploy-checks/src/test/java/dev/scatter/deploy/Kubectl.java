package dev.scatter.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code kubectl kustomize}, as users apply the overlays ({@code kubectl apply -k}). The kubectl is
 * {@code $SCATTER_KUBECTL} (.ci/run sets it), else what {@code .ci/install-kubectl} finds or fetches: one whose
 * kustomize is v5.
 */
final class Kubectl {

    private static volatile Path located;

    private Kubectl() {
    }

    /** The rendered YAML of the kustomization in {@code dir}; fails on any error or warning (e.g. deprecations). */
    static String kustomize(Path dir) {
        Result result = run(List.of(path().toString(), "kustomize", dir.toString()), 120);
        if (result.exit != 0 || !result.err.isBlank()) {
            throw new AssertionError("kubectl kustomize " + dir + " exited " + result.exit
                    + (result.err.isBlank() ? "" : " and said:\n" + result.err));
        }
        return result.out;
    }

    static Path path() {
        Path path = located;
        if (path == null) {
            synchronized (Kubectl.class) {
                if (located == null) {
                    located = locate();
                }
                path = located;
            }
        }
        return path;
    }

    private static Path locate() {
        String configured = System.getenv("SCATTER_KUBECTL");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path script = Repo.file(".ci/install-kubectl");
        Result result = run(List.of("bash", script.toString()), 600);
        String[] lines = result.out.strip().split("\n");
        Path kubectl = Path.of(lines[lines.length - 1].strip());
        if (result.exit != 0 || !Files.isExecutable(kubectl)) {
            throw new AssertionError("no kubectl with kustomize v5: " + script + " exited " + result.exit + ":\n"
                    + result.err + "\nInstall one, or set SCATTER_KUBECTL to its path.");
        }
        return kubectl;
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(List<String> command, long timeoutSeconds) {
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            CompletableFuture<String> out = read(process.getInputStream());
            CompletableFuture<String> err = read(process.getErrorStream());
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static CompletableFuture<String> read(java.io.InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(unreadable: " + e.getMessage() + ")";
            }
        });
    }
}
