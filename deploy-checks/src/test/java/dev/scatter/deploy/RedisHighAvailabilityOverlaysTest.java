package dev.scatter.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scatter.broker.RedisUri;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The overlays for a Redis outside the kustomization (README, "Redis high availability"): no Redis of their own,
 * a REDIS_URL of their form that Scatter parses, a KEDA trigger of the same form pointing where the URI does,
 * and results that wait for a replica.
 */
class RedisHighAvailabilityOverlaysTest {

    /** What the kubelet puts in for $(REDIS_PASSWORD): a password of letters and digits, as the README says. */
    private static final String PASSWORD = "0123456789abcdef";

    @Test
    void sentinelAsksTheSentinelsKedaDoesToo() {
        Rendered sentinel = Rendered.of("overlays/sentinel");
        assertNoRedisOfItsOwn(sentinel);
        for (RedisUri uri : redisUris(sentinel)) {
            assertThat(uri.topology()).isEqualTo(RedisUri.Topology.SENTINEL);
            assertThat(uri.password()).isEqualTo(PASSWORD);
            assertThat(uri.sentinelPassword()).isEqualTo(PASSWORD);
            JsonNode trigger = redisTrigger(sentinel);
            assertThat(trigger.path("type").asText()).isEqualTo("redis-sentinel");
            assertThat(trigger.path("metadata").path("sentinelMaster").asText()).isEqualTo(uri.masterName());
            assertThat(trigger.path("metadata").path("addresses").asText()).isEqualTo(uri.nodes().get(0).address());
            assertThat(trigger.path("metadata").path("sentinelPasswordFromEnv").asText()).isEqualTo("REDIS_PASSWORD");
        }
        assertThat(runnerArgs(sentinel)).contains("--min-replicas=1");
    }

    @Test
    void managedClusterUsesTlsAndTheClusterScaler() {
        Rendered cluster = Rendered.of("overlays/managed-cluster");
        assertNoRedisOfItsOwn(cluster);
        for (RedisUri uri : redisUris(cluster)) {
            assertThat(uri.topology()).isEqualTo(RedisUri.Topology.CLUSTER);
            assertThat(uri.tls()).isTrue();
            JsonNode trigger = redisTrigger(cluster);
            assertThat(trigger.path("type").asText()).isEqualTo("redis-cluster");
            assertThat(trigger.path("metadata").path("enableTLS").asText()).isEqualTo("true");
            assertThat(trigger.path("metadata").path("addresses").asText()).isEqualTo(uri.nodes().get(0).address());
        }
        assertThat(runnerArgs(cluster)).contains("--min-replicas=1");
    }

    private static void assertNoRedisOfItsOwn(Rendered rendered) {
        assertThat(rendered.find("StatefulSet", "scatter-redis")).isEmpty();
        assertThat(rendered.find("Service", "scatter-redis")).isEmpty();
        assertThat(Rendered.containers(rendered.get("Job", "scatter-sweep").path("spec").path("template")))
                .extracting(c -> c.path("name").asText()).containsExactly("submit");
    }

    /** REDIS_URL of the runner and of the Job, as the kubelet expands it. */
    private static List<RedisUri> redisUris(Rendered rendered) {
        List<RedisUri> uris = new ArrayList<>();
        for (JsonNode template : List.of(rendered.podTemplate("Deployment", "scatter-runner"),
                rendered.get("Job", "scatter-sweep").path("spec").path("template"))) {
            for (JsonNode container : template.path("spec").path("containers")) {
                for (JsonNode env : container.path("env")) {
                    if (env.path("name").asText().equals("REDIS_URL")) {
                        uris.add(RedisUri.parse(env.path("value").asText().replace("$(REDIS_PASSWORD)", PASSWORD)));
                    }
                }
            }
        }
        assertThat(uris).hasSize(2);
        return uris;
    }

    private static JsonNode redisTrigger(Rendered rendered) {
        return rendered.get("ScaledObject", "scatter-runner").path("spec").path("triggers").path(0);
    }

    private static String runnerArgs(Rendered rendered) {
        return KubernetesManifestsTest.container(rendered.podTemplate("Deployment", "scatter-runner"), "runner")
                .path("args").toString();
    }
}
