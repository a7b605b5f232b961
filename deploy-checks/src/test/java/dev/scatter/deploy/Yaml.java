package dev.scatter.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** YAML read as Jackson trees, one per document. */
final class Yaml {

    private static final YAMLMapper MAPPER = new YAMLMapper();

    private Yaml() {
    }

    static List<JsonNode> documents(String text) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNext()) {
                JsonNode document = it.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    static JsonNode read(Path file) {
        try {
            List<JsonNode> documents = documents(Files.readString(file));
            if (documents.size() != 1) {
                throw new IllegalArgumentException(file + ": expected one YAML document, found " + documents.size());
            }
            return documents.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String text) {
        List<JsonNode> documents = documents(text);
        if (documents.size() != 1) {
            throw new IllegalArgumentException("expected one YAML document, found " + documents.size());
        }
        return documents.get(0);
    }
}
