package dev.scatter.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scatter.deploy.Dockerfile.Instruction;
import dev.scatter.deploy.Dockerfile.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile read without a Docker engine: what it builds (the Maven reactor it copies must be complete,
 * or `docker build` fails at the first module added later), what it is built from (pinned), and how the image
 * runs (non-root, container-aware JVM). ImageEntrypointTest runs what it describes.
 */
class DockerfileTest {

    static final String BUILD_COMMAND = "./mvnw -B -DskipTests -pl runner,submitter -am package";

    private final Dockerfile dockerfile = Dockerfile.read(Repo.file("Dockerfile"));

    @Test
    void baseImagesArePinnedByTagAndDigest() {
        for (Stage stage : dockerfile.stages()) {
            String image = stage.image();
            assertThat(image).as("FROM " + image).contains("@sha256:");
            String name = image.substring(0, image.indexOf('@'));
            assertThat(name).as("FROM " + image + ": a tag beside the digest, for readers").contains(":");
            assertThat(name.substring(name.lastIndexOf(':') + 1)).isNotEqualTo("latest");
        }
        assertThat(dockerfile.stages()).as("multi-stage: the build tools stay out of the image").hasSizeGreaterThanOrEqualTo(2);
    }

    /** CI builds the image where no registry can be reached, giving base images of its own (docs/deploy.md). */
    @Test
    void baseImagesAreBuildArgumentsWhoseDefaultsArePinned() {
        for (Stage stage : dockerfile.stages()) {
            assertThat(stage.written()).as("FROM " + stage.written()).matches("\\$\\{[A-Z_]+}");
        }
        Dockerfile parsed = Dockerfile.parse("ARG BASE=debian:12@sha256:ab\nFROM ${BASE} AS build\nRUN true\n"
                + "FROM $BASE\nCMD [\"x\"]\n");
        assertThat(parsed.stages()).extracting(Stage::image).containsExactly("debian:12@sha256:ab", "debian:12@sha256:ab");
        assertThat(parsed.stage("build").written()).isEqualTo("${BASE}");
    }

    @Test
    void theBuildStageBuildsBothJarsWithTheWrapper() {
        Stage build = dockerfile.stage("build");
        assertThat(build.all("RUN")).anySatisfy(run -> assertThat(run.arguments()).contains(BUILD_COMMAND));
    }

    /** Maven reads every module of the reactor, even with -pl: a module whose pom is not copied breaks the build. */
    @Test
    void theBuildStageCopiesEveryModulesPomAndTheSourcesItBuilds() {
        Stage build = dockerfile.stage("build");
        List<String> copied = new ArrayList<>();
        for (Instruction copy : build.all("COPY")) {
            List<String> operands = copy.operands();
            copied.addAll(operands.subList(0, operands.size() - 1));
        }
        MavenModules modules = MavenModules.of(Repo.root());
        assertThat(copied).contains("pom.xml", "mvnw", ".mvn/");
        for (String module : modules.directories()) {
            assertThat(copied).as("module " + module).contains(module + "/pom.xml");
        }
        for (String module : modules.alsoMake(List.of("runner", "submitter"))) {
            assertThat(copied).as("sources of " + module + ", which -pl runner,submitter -am builds")
                    .contains(module + "/src/");
        }
    }

    @Test
    void theImageRunsAsAnUnprivilegedNumericUser() {
        String user = dockerfile.last().last("USER").arguments();
        String uid = user.split(":")[0];
        assertThat(uid).as("numeric, so that Kubernetes' runAsNonRoot can check it").matches("\\d+");
        assertThat(Integer.parseInt(uid)).isPositive();
    }

    @Test
    void theJvmSizesItselfFromTheContainerAndDiesOnOutOfMemory() {
        List<String> options = Arrays.asList(dockerfile.last().env().get("JAVA_OPTS").split("\\s+"));
        assertThat(options).anyMatch(o -> o.startsWith("-XX:MaxRAMPercentage="));
        assertThat(options).contains("-XX:+ExitOnOutOfMemoryError");
        assertThat(options).as("a fixed heap ignores the container's limit").noneMatch(o -> o.startsWith("-Xmx"));
    }

    @Test
    void oneImageRunsBothCommandsThroughTheEntryPointAndServesHttpOnTheExposedPort() {
        Stage image = dockerfile.last();
        List<String> entrypoint = image.last("ENTRYPOINT").execForm();
        assertThat(entrypoint).hasSize(1);
        assertThat(image.last("CMD").execForm()).containsExactly("runner");

        Map<String, String> jars = ImageRoot.copiedFromBuild(dockerfile);
        assertThat(jars).containsKeys("runner/target/scatter-runner-all.jar", "submitter/target/scatter-submit-all.jar");

        Instruction script = image.all("COPY").stream().filter(c -> c.operands().get(0).equals("docker/scatter"))
                .findFirst().orElseThrow(() -> new AssertionError("the entry point docker/scatter is not copied"));
        assertThat(script.operands().get(1)).isEqualTo(entrypoint.get(0));
        assertThat(script.flag("chmod")).as("executable whatever the checkout's file mode").isIn("0755", "755");
        assertThat(Files.isExecutable(Repo.file("docker/scatter"))).as("docker/scatter is executable in git too").isTrue();

        String port = image.env().get("SCATTER_HTTP_PORT");
        assertThat(image.last("EXPOSE").arguments()).isEqualTo(port);
    }

    @Test
    void theBuildContextLeavesOutLocalBuildOutput() throws Exception {
        Path ignore = Repo.file(".dockerignore");
        assertThat(Files.readAllLines(ignore)).contains("**/target/");
    }
}
