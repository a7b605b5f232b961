package dev.scatter.kinds.sweep;

import dev.scatter.broker.Blobs;
import dev.scatter.task.BlobStore;
import dev.scatter.task.InvalidParametersException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads a sweep's data bytes on a runner: from Redis (the runner's blob cache), or from the shared path or URL,
 * and checks them against the hash they were submitted with. Data that is gone from Redis, or has changed, will
 * never come back: the task is quarantined. An unreadable path or URL may be this runner's trouble only: the
 * attempt fails and is retried, maybe elsewhere.
 */
final class DataSource {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    private DataSource() {
    }

    static byte[] read(DataRef ref, BlobStore blobs) throws IOException, InterruptedException {
        byte[] data;
        if (ref.inRedis()) {
            data = blobs.fetch(ref.sha256()).orElseThrow(() -> new InvalidParametersException("the data of this sweep ("
                    + ref.name() + ", sha256 " + ref.sha256().substring(0, 12) + "...) is no longer in Redis: it is kept"
                    + " for twice the job's --ttl; submit the sweep again"));
        } else if (ref.path() != null) {
            try {
                data = Files.readAllBytes(Path.of(ref.path()));
            } catch (IOException e) {
                throw new IOException("cannot read the sweep's data at " + ref.path() + " on this runner: " + e, e);
            }
        } else {
            HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(ref.url()))
                    .timeout(Duration.ofMinutes(10)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("cannot read the sweep's data at " + ref.url() + ": HTTP " + response.statusCode());
            }
            data = response.body();
        }
        String sha256 = Blobs.sha256(data);
        if (!sha256.equals(ref.sha256())) {
            throw new InvalidParametersException("the sweep's data at " + (ref.path() != null ? ref.path() : ref.url())
                    + " has changed since it was submitted (sha256 " + sha256.substring(0, 12) + "..., submitted "
                    + ref.sha256().substring(0, 12) + "...): submit the sweep again");
        }
        return data;
    }
}
