package dev.scatter.kinds.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.task.InvalidParametersException;

/**
 * Where a sweep's data is: stored in Redis under its SHA-256 (data up to the broker's blob limit, 64 MiB by
 * default), or at a path or URL every runner can read (larger data). The hash is always given, so a runner
 * checks that it reads the data the sweep was submitted with.
 *
 * @param sha256 the SHA-256 of the CSV bytes, lowercase hex
 * @param name   how messages and results name the data (the file name, or demo:rgba)
 * @param path   an absolute path runners read it from, or null
 * @param url    an http(s) URL runners read it from, or null
 */
public record DataRef(String sha256, String name, long bytes, String path, String url) {

    static DataRef of(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidParametersException("a sweep needs 'data': {sha256, name, bytes[, path | url]}");
        }
        String sha256 = node.path("sha256").asText("");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new InvalidParametersException("data.sha256 must be 64 lowercase hex digits, not '" + sha256 + "'");
        }
        String path = node.hasNonNull("path") ? node.get("path").asText() : null;
        String url = node.hasNonNull("url") ? node.get("url").asText() : null;
        if (path != null && url != null) {
            throw new InvalidParametersException("data has both a path and a url: give one");
        }
        if (url != null && !url.matches("(?i)https?://.+")) {
            throw new InvalidParametersException("data.url must be an http or https URL, not '" + url + "'");
        }
        if (path != null && !java.nio.file.Path.of(path).isAbsolute()) {
            throw new InvalidParametersException("data.path must be absolute (runners run elsewhere), not '" + path + "'");
        }
        return new DataRef(sha256, node.path("name").asText(sha256.substring(0, 12)), node.path("bytes").asLong(-1),
                path, url);
    }

    boolean inRedis() {
        return path == null && url == null;
    }

    public ObjectNode toJson(ObjectNode node) {
        node.put("sha256", sha256).put("name", name).put("bytes", bytes);
        if (path != null) {
            node.put("path", path);
        }
        if (url != null) {
            node.put("url", url);
        }
        return node;
    }
}
