package dev.scatter.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The validators the other checks rely on do reject what they must: a check that accepts everything proves nothing. */
class SchemaStrictnessTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              selector: {matchLabels: {app: d}}
              template:
                metadata: {labels: {app: d}}
                spec:
                  containers:
                    - name: c
                      image: scatter:0.1.0
                      resources: {limits: {memory: 768Mi}}
            """;

    private static final String SCALED_OBJECT = """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: s}
            spec:
              scaleTargetRef: {name: d}
              maxReplicaCount: 5
              triggers:
                - type: redis
                  metadata: {listName: "scatter:v2:{default}:ready", listLength: "10"}
            """;

    @Test
    void aValidDeploymentAndScaledObjectPass() {
        assertThat(KubernetesSchema.problems(Yaml.parse(DEPLOYMENT))).isEmpty();
        assertThat(KubernetesSchema.problems(Yaml.parse(SCALED_OBJECT))).isEmpty();
    }

    @Test
    void kubernetesObjectsFailOnUnknownFieldsAtAnyDepth() {
        String misspelt = DEPLOYMENT.replace("image: scatter:0.1.0", "image: scatter:0.1.0\n          imagePullPolice: Always");
        assertThat(KubernetesSchema.problems(Yaml.parse(misspelt))).singleElement().asString().contains("imagePullPolice");
        String atTop = DEPLOYMENT.replace("metadata: {name: d}", "metadata: {name: d}\nstatuss: {}");
        assertThat(KubernetesSchema.problems(Yaml.parse(atTop))).singleElement().asString().contains("statuss");
    }

    @Test
    void kubernetesObjectsFailOnMissingRequiredFieldsWrongTypesAndBadQuantities() {
        String nameless = DEPLOYMENT.replace("- name: c\n          image", "- image");
        assertThat(KubernetesSchema.problems(Yaml.parse(nameless))).singleElement().asString().contains("name");
        String notAList = DEPLOYMENT.replace("containers:\n", "containers: oops\n").replaceAll("(?s)oops\n.*", "oops\n");
        assertThat(KubernetesSchema.problems(Yaml.parse(notAList))).isNotEmpty();
        String badQuantity = DEPLOYMENT.replace("768Mi", "768MB");
        assertThat(KubernetesSchema.problems(Yaml.parse(badQuantity))).isNotEmpty();
    }

    @Test
    void kindsWithoutAKnownSchemaFail() {
        String unknown = "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n";
        assertThat(KubernetesSchema.problems(Yaml.parse(unknown))).singleElement().asString().contains("no schema");
    }

    @Test
    void scaledObjectsFailOnUnknownFieldsMissingTriggersAndNonStringTriggerMetadata() {
        String unknown = SCALED_OBJECT.replace("maxReplicaCount: 5", "maxReplicas: 5");
        assertThat(KubernetesSchema.problems(Yaml.parse(unknown))).singleElement().asString().contains("maxReplicas");
        String deep = SCALED_OBJECT.replace("scaleTargetRef: {name: d}", "scaleTargetRef: {name: d, namespace: x}");
        assertThat(KubernetesSchema.problems(Yaml.parse(deep))).singleElement().asString().contains("namespace");
        String noTriggers = SCALED_OBJECT.replaceAll("(?s)  triggers:.*", "");
        assertThat(KubernetesSchema.problems(Yaml.parse(noTriggers))).singleElement().asString().contains("triggers");
        String number = SCALED_OBJECT.replace("listLength: \"10\"", "listLength: 10");
        assertThat(KubernetesSchema.problems(Yaml.parse(number))).singleElement().asString().contains("listLength");
        String badMetadata = SCALED_OBJECT.replace("metadata: {name: s}", "metadata: {name: s, label: x}");
        assertThat(KubernetesSchema.problems(Yaml.parse(badMetadata))).singleElement().asString().contains("label");
    }

    @Test
    void composeFilesFailOnUnknownKeys() {
        String valid = "services:\n  a:\n    image: redis:7.2.14\n    stop_grace_period: 45s\n";
        assertThat(ComposeSchema.problems(Yaml.parse(valid))).isEmpty();
        String misspelt = valid.replace("stop_grace_period", "stop_grace_periods");
        assertThat(ComposeSchema.problems(Yaml.parse(misspelt))).isNotEmpty()
                .anySatisfy(p -> assertThat(p).contains("stop_grace_periods"));
        String wrongCondition = valid + "    depends_on: {b: {condition: healthy}}\n";
        assertThat(ComposeSchema.problems(Yaml.parse(wrongCondition))).isNotEmpty();
    }
}
