package dev.scatter.kinds.sweep;

import dev.scatter.task.InvalidParametersException;
import dev.scatter.broker.Blobs;
import dev.scatter.kinds.sweep.CsvDataset;
import dev.scatter.kinds.sweep.Dataset;
import dev.scatter.kinds.sweep.RgbaDemo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Reads a sweep's data where the user points (a CSV file, an http(s) URL, or the built-in {@code demo:rgba}) and
 * parses it as the runners will, so that bad data is refused before anything is submitted.
 */
final class DatasetLoader {

    /**
     * The data's bytes, as read.
     *
     * @param name how the data is named in messages and results (as the user gave it)
     * @param path the file's absolute path, or null (demo, URL)
     * @param url  the URL, or null
     */
    record Raw(String name, byte[] bytes, Path path, String url) {

        String sha256() {
            return Blobs.sha256(bytes);
        }
    }

    private DatasetLoader() {
    }

    static Raw read(String data) {
        if (data.equals(RgbaDemo.NAME) || data.startsWith(RgbaDemo.NAME + ":")) {
            return new Raw(data, RgbaDemo.csv(demoRows(data)), null, null);
        }
        if (data.matches("(?i)https?://.+")) {
            return new Raw(withoutUserInfo(data), download(data), null, data);
        }
        Path path = Path.of(data).toAbsolutePath();
        return new Raw(data, readFile(data, path), path, null);
    }

    /** Parses the data as the runners will; problems are InvalidParametersExceptions naming column and line. */
    static Dataset parse(Raw raw, String label, List<String> features, String foldColumn) {
        return CsvDataset.parse(raw.bytes(), raw.name(), label, features, foldColumn);
    }

    private static int demoRows(String data) {
        if (data.equals(RgbaDemo.NAME)) {
            return RgbaDemo.DEFAULT_ROWS;
        }
        String rows = data.substring(RgbaDemo.NAME.length() + 1);
        try {
            int n = Integer.parseInt(rows.replace("_", ""));
            if (n >= 10 && n <= RgbaDemo.MAX_ROWS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new InvalidParametersException("--data " + RgbaDemo.NAME + ":ROWS takes a row count from 10 to "
                + RgbaDemo.MAX_ROWS + ", not '" + rows + "'");
    }

    private static byte[] readFile(String given, Path path) {
        try {
            if (Files.isDirectory(path)) {
                throw new InvalidParametersException("cannot read the data file " + given + ": it is a directory");
            }
            if (Files.size(path) > Integer.MAX_VALUE - 16) {
                throw new InvalidParametersException("the data file " + given + " is over 2 GiB: sweeps read their"
                        + " data into memory");
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new InvalidParametersException("cannot read the data file " + given + ": no such file");
        } catch (AccessDeniedException e) {
            throw new InvalidParametersException("cannot read the data file " + given + ": permission denied");
        } catch (IOException e) {
            throw new InvalidParametersException("cannot read the data file " + given + ": " + e.getMessage());
        }
    }

    /** A URL as messages and results name it: a user and password in it become ***. */
    static String withoutUserInfo(String url) {
        int start = url.indexOf("://") + 3;
        int end = url.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = url.indexOf(c, start);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        int at = url.lastIndexOf('@', end - 1);
        return at < start ? url : url.substring(0, start) + "***" + url.substring(at);
    }

    /** What went wrong with a download, in words: the JDK's HTTP client often gives only an exception's name. */
    private static String why(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return "connection refused (is the server up, and the port right?)";
            }
            if (t instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof java.net.http.HttpTimeoutException || t instanceof java.net.SocketTimeoutException) {
                return "timed out";
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return "the TLS handshake failed (" + t.getMessage() + ")";
            }
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static byte[] download(String url) {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofMinutes(10)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new InvalidParametersException("cannot read the data at " + withoutUserInfo(url) + ": HTTP "
                        + response.statusCode());
            }
            return response.body();
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidParametersException("cannot read the data at " + withoutUserInfo(url) + ": " + why(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidParametersException("interrupted while reading " + withoutUserInfo(url));
        }
    }
}
