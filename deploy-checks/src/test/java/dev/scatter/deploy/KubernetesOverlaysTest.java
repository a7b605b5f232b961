package dev.scatter.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubernetes.client.custom.Quantity;
import org.junit.jupiter.api.Test;

/** What each overlay is for, as README's "Running on Kubernetes" describes it. */
class KubernetesOverlaysTest {

    @Test
    void theBaseAutoscalesWithKedaAndCommitsNoPassword() {
        Rendered base = Rendered.of("base");
        assertThat(base.kind("ScaledObject")).hasSize(1);
        assertThat(base.kind("HorizontalPodAutoscaler")).isEmpty();
        assertThat(base.kind("Secret")).as("the password Secret is created by the user, not committed").isEmpty();
    }

    @Test
    void devRunsOneSmallRunnerWithoutAutoscaling() {
        Rendered dev = Rendered.of("overlays/dev");
        assertThat(dev.kind("ScaledObject")).isEmpty();
        assertThat(dev.kind("HorizontalPodAutoscaler")).isEmpty();
        assertThat(dev.get("Deployment", "scatter-runner").path("spec").path("replicas").asInt()).isEqualTo(1);
        assertThat(dev.kind("Secret")).singleElement()
                .satisfies(secret -> assertThat(secret.path("data").has("password")).isTrue());
        assertThat(memoryLimit(dev)).isLessThan(memoryLimit(Rendered.of("base")));
    }

    @Test
    void largeSweepScalesFurtherAndSubmitsALargerGrid() {
        Rendered base = Rendered.of("base");
        Rendered large = Rendered.of("overlays/large-sweep");
        assertThat(maxReplicas(large)).isGreaterThan(maxReplicas(base));
        assertThat(large.kind("HorizontalPodAutoscaler")).isEmpty();
        assertThat(sweepArgs(large)).isNotEqualTo(sweepArgs(base));
        assertThat(memoryLimit(large)).isGreaterThan(memoryLimit(base));
    }

    @Test
    void cpuHpaReplacesKedaWithAPlainHorizontalPodAutoscaler() {
        Rendered hpa = Rendered.of("overlays/cpu-hpa");
        assertThat(hpa.kind("ScaledObject")).isEmpty();
        JsonNode autoscaler = hpa.get("HorizontalPodAutoscaler", "scatter-runner");
        assertThat(autoscaler.path("spec").path("minReplicas").asInt()).isPositive();
        assertThat(autoscaler.path("spec").path("metrics").path(0).path("resource").path("name").asText()).isEqualTo("cpu");
    }

    private static int maxReplicas(Rendered rendered) {
        return rendered.get("ScaledObject", "scatter-runner").path("spec").path("maxReplicaCount").asInt();
    }

    private static String sweepArgs(Rendered rendered) {
        JsonNode template = rendered.get("Job", "scatter-sweep").path("spec").path("template");
        return KubernetesManifestsTest.container(template, "submit").path("args").toString();
    }

    private static long memoryLimit(Rendered rendered) {
        JsonNode runner = KubernetesManifestsTest.container(rendered.podTemplate("Deployment", "scatter-runner"), "runner");
        return new Quantity(runner.path("resources").path("limits").path("memory").asText()).getNumber().longValue();
    }
}
