package dev.scatter.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

/**
 * Validates objects against the Kubernetes API schema, strictly, with the official Java client's generated
 * models (io.kubernetes:client-java-api): their {@code validateJsonElement} rejects a field the API does not
 * define, a missing required field and a value of the wrong JSON type, at every depth; deserializing then
 * parses quantities ("768Mi") and int-or-string values. KEDA's ScaledObject goes to {@link KedaSchema}.
 */
final class KubernetesSchema {

    /** The kinds Scatter's manifests use; another kind fails until it is added here. */
    private static final Map<String, Class<?>> MODELS = Map.of(
            "v1/Namespace", V1Namespace.class,
            "v1/ConfigMap", V1ConfigMap.class,
            "v1/Secret", V1Secret.class,
            "v1/Service", V1Service.class,
            "apps/v1/Deployment", V1Deployment.class,
            "apps/v1/StatefulSet", V1StatefulSet.class,
            "batch/v1/Job", V1Job.class,
            "policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class);

    private KubernetesSchema() {
    }

    /** The problems found in one object; empty if it is valid. */
    static List<String> problems(JsonNode object) {
        String type = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        String name = type + " " + object.path("metadata").path("name").asText("(no name)");
        if (type.equals(KedaSchema.TYPE)) {
            return KedaSchema.problems(object).stream().map(p -> name + ": " + p).toList();
        }
        Class<?> model = MODELS.get(type);
        if (model == null) {
            return List.of(name + ": no schema known for " + type + " (add its model to KubernetesSchema.MODELS)");
        }
        try {
            validate(model, JsonParser.parseString(object.toString()));
            Object parsed = JSON.deserialize(object.toString(), model);
            if (parsed == null) {
                return List.of(name + ": empty");
            }
        } catch (RuntimeException e) {
            return List.of(name + ": " + shorten(e.getMessage()));
        }
        if (object.path("metadata").path("name").asText().isEmpty()) {
            return List.of(name + ": metadata.name is missing");
        }
        return List.of();
    }

    /** Object metadata alone, for custom resources. */
    static List<String> metadataProblems(JsonNode metadata) {
        try {
            validate(V1ObjectMeta.class, JsonParser.parseString(metadata.toString()));
            return List.of();
        } catch (RuntimeException e) {
            return List.of("metadata: " + shorten(e.getMessage()));
        }
    }

    /** The models quote the whole offending object; its start is enough to find it. */
    private static String shorten(String message) {
        return message == null || message.length() <= 400 ? message : message.substring(0, 400) + "...";
    }

    private static void validate(Class<?> model, JsonElement json) {
        try {
            Method validate = model.getMethod("validateJsonElement", JsonElement.class);
            validate.invoke(null, json);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new IllegalArgumentException(cause.getMessage(), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(model + " has no validateJsonElement", e);
        }
    }
}
