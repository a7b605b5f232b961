package dev.scatter.dashboard;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pages, their scripts and styles (this jar's {@code web/}), and uPlot from its WebJar: all from the class
 * path, so the dashboard works with no internet. Only names listed here are served, never a path from a request.
 */
final class StaticFiles {

    static final String UPLOT_VERSION = "1.6.30";
    private static final String WEB = "dev/scatter/dashboard/web/";
    private static final String UPLOT = "META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/";

    /** Paths of the pages: each its own HTML file. */
    private static final Map<String, String> PAGES = Map.of(
            "/", WEB + "index.html",
            "/jobs", WEB + "jobs.html",
            "/job", WEB + "job.html",
            "/runners", WEB + "runners.html",
            "/dead", WEB + "dead.html");

    private static final Map<String, String> ASSETS = Map.ofEntries(
            Map.entry("/static/app.css", WEB + "app.css"),
            Map.entry("/static/app.js", WEB + "app.js"),
            Map.entry("/static/overview.js", WEB + "overview.js"),
            Map.entry("/static/jobs.js", WEB + "jobs.js"),
            Map.entry("/static/job.js", WEB + "job.js"),
            Map.entry("/static/kinds.js", WEB + "kinds.js"),
            Map.entry("/static/runners.js", WEB + "runners.js"),
            Map.entry("/static/dead.js", WEB + "dead.js"),
            Map.entry("/vendor/uplot/uPlot.iife.min.js", UPLOT + "uPlot.iife.min.js"),
            Map.entry("/vendor/uplot/uPlot.min.css", UPLOT + "uPlot.min.css"));

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    /** Serves the file at the request's path; false when there is none. */
    boolean serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String resource = PAGES.getOrDefault(path, ASSETS.get(path));
        if (resource == null) {
            return false;
        }
        Optional<byte[]> body = read(resource);
        if (body.isEmpty()) {
            return false;
        }
        if (!PAGES.containsKey(path)) {
            exchange.getResponseHeaders().set("Cache-Control", "max-age=300");
        }
        Http.send(exchange, 200, contentType(resource), body.get());
        return true;
    }

    private Optional<byte[]> read(String resource) throws IOException {
        byte[] cached = cache.get(resource);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            cache.put(resource, bytes);
            return Optional.of(bytes);
        }
    }

    private static String contentType(String resource) {
        if (resource.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (resource.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        return resource.endsWith(".css") ? "text/css; charset=utf-8" : "application/octet-stream";
    }
}
