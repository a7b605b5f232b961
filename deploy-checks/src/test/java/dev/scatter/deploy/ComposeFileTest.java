package dev.scatter.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scatter.cli.DurationConverter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;

/**
 * docker-compose.yml against the Compose Specification's JSON schema, then what the README promises of it:
 * Redis durable and healthy before runners start, runners that scale and stop cleanly, submit on demand.
 */
class ComposeFileTest {

    private final JsonNode compose = Yaml.read(Repo.file("docker-compose.yml"));
    private final JsonNode services = compose.path("services");

    @Test
    void theFileIsValidAgainstTheComposeSpecification() {
        assertThat(ComposeSchema.problems(compose)).isEmpty();
    }

    @Test
    void redisIsPinnedDurableAndHealthChecked() {
        JsonNode redis = services.path("redis");
        assertThat(redis.path("image").asText()).startsWith("redis:7.2.").contains("@sha256:");
        List<String> command = KubernetesManifestsTest.texts(redis.path("command"));
        assertThat(command).containsSubsequence("--appendonly", "yes");
        assertThat(command).containsSubsequence("--maxmemory-policy", "noeviction");
        assertThat(redis.path("healthcheck").path("test").toString()).contains("redis-cli", "ping");
        String volume = redis.path("volumes").path(0).asText();
        assertThat(volume).endsWith(":/data");
        assertThat(compose.path("volumes").has(volume.substring(0, volume.indexOf(':'))))
                .as("a named volume, kept by `docker compose down`").isTrue();
    }

    @Test
    void runnersWaitForRedisScaleAndOutlastTheirDrainWhenStopped() {
        JsonNode runner = services.path("runner");
        assertThat(runner.path("depends_on").path("redis").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(runner.has("container_name")).as("a fixed container name prevents --scale").isFalse();
        for (JsonNode port : runner.path("ports")) {
            String[] parts = port.asText().split(":");
            assertThat(parts.length == 3 ? parts[1] : parts.length == 2 ? parts[0] : "")
                    .as("port " + port + ": a fixed host port prevents --scale").isEmpty();
        }
        List<String> command = KubernetesManifestsTest.texts(runner.path("command"));
        assertThat(command).first().isEqualTo("runner");
        CommandSpec options = Clis.runner(command.subList(1, command.size()));
        Duration grace = DurationConverter.parse(runner.path("stop_grace_period").asText("10s"));
        assertThat(grace).as("stop_grace_period against the drain deadline").isGreaterThan(Clis.drain(options).plusSeconds(5));

        String httpPort = Dockerfile.read(Repo.file("Dockerfile")).last().env().get("SCATTER_HTTP_PORT");
        assertThat(KubernetesManifestsTest.texts(runner.path("expose"))).contains(httpPort);
        assertThat(KubernetesManifestsTest.texts(runner.path("healthcheck").path("test")))
                .containsExactly("CMD", "scatter", "healthcheck", "/healthz");
        assertThat(runner.path("environment").path("REDIS_URL").asText()).isEqualTo("redis://redis:6379");
    }

    @Test
    void theDashboardIsReadOnlyOnTheHostsLoopbackAndHealthChecked() {
        JsonNode dashboard = services.path("dashboard");
        assertThat(dashboard.path("image").asText()).isEqualTo(services.path("runner").path("image").asText());
        List<String> command = KubernetesManifestsTest.texts(dashboard.path("command"));
        assertThat(command).first().isEqualTo("submit");
        CommandSpec options = Clis.dashboard(command.subList(1, command.size()), Map.of());
        assertThat((Boolean) options.findOption("--read-only").getValue()).as("it listens beyond loopback in its container")
                .isTrue();
        int port = options.findOption("--port").getValue();
        List<String> ports = KubernetesManifestsTest.texts(dashboard.path("ports"));
        assertThat(ports).hasSize(1);
        assertThat(ports.get(0)).as("published on the host's loopback only").startsWith("127.0.0.1:").endsWith(":" + port);
        assertThat(dashboard.path("environment").path("SCATTER_HTTP_PORT").asText()).as("where the health check knocks")
                .isEqualTo(Integer.toString(port));
        assertThat(KubernetesManifestsTest.texts(dashboard.path("healthcheck").path("test")))
                .containsExactly("CMD", "scatter", "healthcheck", "/healthz");
        assertThat(dashboard.path("depends_on").path("redis").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(dashboard.path("environment").path("REDIS_URL").asText()).isEqualTo("redis://redis:6379");
    }

    @Test
    void submitIsAOneShotServiceOfTheSameImage() {
        JsonNode submit = services.path("submit");
        assertThat(KubernetesManifestsTest.texts(submit.path("profiles"))).contains("submit");
        assertThat(KubernetesManifestsTest.texts(submit.path("entrypoint"))).containsExactly("scatter", "submit");
        assertThat(submit.path("image").asText()).isEqualTo(services.path("runner").path("image").asText());
        assertThat(submit.path("depends_on").path("redis").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(submit.has("restart")).as("a one-shot service is not restarted").isFalse();
    }
}
