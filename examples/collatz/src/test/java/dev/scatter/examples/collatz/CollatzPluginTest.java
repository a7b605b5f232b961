package dev.scatter.examples.collatz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scatter.broker.Broker;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobSpec;
import dev.scatter.broker.JobState;
import dev.scatter.broker.JobStatus;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The plug-in as a user deploys it: a jar in a directory, a runner process started with --plugins. */
@ExtendWith(RealRedis.class)
class CollatzPluginTest {

    @Test
    void aRunnerWithThePluginDirectoryRunsTheKind(RedisFixture redis) throws Exception {
        Path plugins = Files.createTempDirectory("scatter-plugins-");
        jarOf(Path.of("target", "classes"), plugins.resolve("collatz.jar"));
        Path runnerJar = Path.of(System.getProperty("scatter.runner.jar"));
        assertThat(runnerJar).as("build the runner first: ./mvnw package -pl runner").exists();
        Path log = Files.createTempFile("collatz-runner-", ".log");
        Process runner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", runnerJar.toString(), "--redis", redis.uri(), "--queue", redis.queue(), "--threads", "2",
                "--plugins", plugins.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (Broker broker = Broker.connect(redis.uri())) {
            JobId id = broker.submit(JobSpec.of("collatz", "{\"limit\":1000000}", 20).withQueue(redis.queue()));
            await().atMost(Duration.ofSeconds(60)).until(() -> broker.status(id).orElseThrow().state().isTerminal());
            JobStatus status = broker.status(id).orElseThrow();
            assertThat(status.state()).as(Files.readString(log)).isEqualTo(JobState.SUCCEEDED);
            JsonNode result = new ObjectMapper().readTree(status.result());
            assertThat(result.path("start").asLong()).isEqualTo(837_799);
            assertThat(Files.readString(log)).containsPattern("kinds .*collatz");
        } finally {
            runner.destroy();
            runner.waitFor();
        }
    }

    /** Packs compiled classes and resources into a jar, as `mvn package` would. */
    private static void jarOf(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> paths = Files.walk(classes)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
    }

}
