package dev.scatter.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * What the module graph promises of the runnable jars (docs/design.md): the runner carries every built-in kind and
 * no chart library (a kind's plot is optional, and only submit draws); submit carries both.
 */
class RunnerJarTest {

    private static final List<String> KINDS = List.of("dev/scatter/kinds/pi/PiKind.class",
            "dev/scatter/kinds/sweep/SweepKind.class", "dev/scatter/kinds/cmd/CommandKind.class",
            "dev/scatter/kinds/noop/NoopKind.class");

    @Test
    void theRunnerCarriesTheKindsButNoChartLibrary() throws Exception {
        List<String> entries = entries("runner/target/scatter-runner-all.jar");
        assertThat(entries).containsAll(KINDS);
        assertThat(entries).noneMatch(e -> e.startsWith("org/knowm/xchart/") || e.startsWith("dev/scatter/plot/"));
    }

    @Test
    void submitCarriesTheKindsAndTheirPlots() throws Exception {
        List<String> entries = entries("submitter/target/scatter-submit-all.jar");
        assertThat(entries).containsAll(KINDS);
        assertThat(entries).contains("dev/scatter/plot/ChartFiles.class", "dev/scatter/kinds/pi/PiPlot.class");
        assertThat(entries).anyMatch(e -> e.startsWith("org/knowm/xchart/"));
    }

    private static List<String> entries(String jar) throws Exception {
        try (JarFile file = new JarFile(Repo.builtJar(jar).toFile())) {
            return file.stream().map(JarEntry::getName).toList();
        }
    }
}
