package dev.scatter.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The objects one kustomization renders to, with finders for the checks. */
record Rendered(String name, List<JsonNode> objects) {

    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

    /** {@code relative} is under k8s/, e.g. "overlays/dev"; rendered once per test run. */
    static Rendered of(String relative) {
        return CACHE.computeIfAbsent(relative, r -> {
            Path dir = Repo.file("k8s").resolve(r);
            return new Rendered(r, Yaml.documents(Kubectl.kustomize(dir)));
        });
    }

    List<JsonNode> kind(String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return kind(kind).stream().filter(o -> o.path("metadata").path("name").asText().equals(name)).findFirst();
    }

    JsonNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(this.name + " renders no " + kind + " " + name));
    }

    /** Every pod template, named after its owner ("Deployment scatter-runner"). */
    Map<String, JsonNode> podTemplates() {
        Map<String, JsonNode> templates = new java.util.LinkedHashMap<>();
        for (JsonNode o : objects) {
            String kind = o.path("kind").asText();
            JsonNode template = switch (kind) {
                case "Deployment", "StatefulSet", "Job", "DaemonSet", "ReplicaSet" -> o.path("spec").path("template");
                case "CronJob" -> o.path("spec").path("jobTemplate").path("spec").path("template");
                default -> null;
            };
            if (template != null) {
                templates.put(kind + " " + o.path("metadata").path("name").asText(), template);
            }
        }
        return templates;
    }

    /** The containers and init containers of a pod template. */
    static List<JsonNode> containers(JsonNode podTemplate) {
        List<JsonNode> all = new ArrayList<>();
        podTemplate.path("spec").path("initContainers").forEach(all::add);
        podTemplate.path("spec").path("containers").forEach(all::add);
        return all;
    }

    /** The Deployment's (or StatefulSet's) pod template, by the owner's name. */
    JsonNode podTemplate(String kind, String name) {
        return get(kind, name).path("spec").path("template");
    }

    @Override
    public String toString() {
        return name;
    }
}
