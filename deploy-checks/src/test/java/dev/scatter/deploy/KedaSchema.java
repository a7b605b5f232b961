package dev.scatter.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates a KEDA ScaledObject against the openAPIV3Schema of KEDA's own CRD (vendored: KEDA 2.16.1, see
 * schemas/README.md), made strict: where the API server would silently prune a field the schema does not
 * define, this check rejects it, as the Kubernetes models do for built-in kinds. The metadata, left open by
 * the CRD, is checked as Kubernetes object metadata.
 */
final class KedaSchema {

    static final String TYPE = "keda.sh/v1alpha1/ScaledObject";
    static final String CRD = "/schemas/keda-2.16.1-scaledobjects.keda.sh.yaml";

    private static final Schema SCHEMA = load();

    private KedaSchema() {
    }

    static List<String> problems(JsonNode object) {
        List<String> problems = new ArrayList<>();
        for (Error error : SCHEMA.validate(object)) {
            problems.add(error.toString());
        }
        if (object.has("metadata")) {
            problems.addAll(KubernetesSchema.metadataProblems(object.get("metadata")));
        }
        return problems;
    }

    private static Schema load() {
        JsonNode crd;
        try (InputStream in = KedaSchema.class.getResourceAsStream(CRD)) {
            if (in == null) {
                throw new IllegalStateException(CRD + " is missing from the test resources");
            }
            crd = Yaml.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (version.path("name").asText().equals("v1alpha1")) {
                JsonNode schema = version.path("schema").path("openAPIV3Schema").deepCopy();
                closeObjects(schema);
                return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09).getSchema(schema);
            }
        }
        throw new IllegalStateException(CRD + " has no version v1alpha1");
    }

    /**
     * Every object schema that lists its properties gets {@code additionalProperties: false}, unless it keeps
     * unknown fields on purpose (x-kubernetes-preserve-unknown-fields) or says what extra properties hold.
     */
    static void closeObjects(JsonNode schema) {
        if (!(schema instanceof ObjectNode node)) {
            if (schema != null && schema.isArray()) {
                schema.forEach(KedaSchema::closeObjects);
            }
            return;
        }
        if (node.has("properties") && !node.has("additionalProperties")
                && !node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            node.put("additionalProperties", false);
        }
        node.path("properties").forEach(KedaSchema::closeObjects);
        for (String key : List.of("items", "additionalProperties", "anyOf", "allOf", "oneOf", "not")) {
            if (node.has(key)) {
                closeObjects(node.get(key));
            }
        }
    }
}
