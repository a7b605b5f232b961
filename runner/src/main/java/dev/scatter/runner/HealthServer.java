package dev.scatter.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scatter.broker.QueueBacklog;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The runner's HTTP endpoint, for orchestrators and scrapers: {@code /healthz} (the process lives),
 * {@code /readyz} (Redis answers a round trip and takes writes, and the runner is not draining), {@code /metrics} (Prometheus) and {@code /backlog} (JSON,
 * for autoscalers that read a value from an HTTP endpoint). The JDK's own HTTP server is enough for four
 * read-only endpoints. It starts before the runner has reached Redis, so that an orchestrator sees a live
 * process that is not ready yet, rather than a dead one.
 */
public final class HealthServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    public HealthServer(int port, Supplier<Runner> runners, PrometheusMeterRegistry registry) {
        try {
            server = HttpServer.create(new InetSocketAddress(port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port + ": " + e.getMessage(), e);
        }
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "scatter-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/healthz", exchange -> respond(exchange, 200, "text/plain", "ok\n"));
        server.createContext("/readyz", exchange -> {
            Runner runner = runners.get();
            if (runner == null) {
                respond(exchange, 503, "text/plain", "starting: connecting to Redis\n");
            } else if (!runner.isAcceptingWork()) {
                respond(exchange, 503, "text/plain", "draining\n");
            } else {
                Optional<String> problem = runner.redisProblem();
                if (problem.isPresent()) {
                    respond(exchange, 503, "text/plain", problem.get() + "\n");
                } else {
                    respond(exchange, 200, "text/plain", "ready\n");
                }
            }
        });
        server.createContext("/metrics", exchange ->
                respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        server.createContext("/backlog", exchange -> respond(exchange, 200, "application/json", backlog(runners.get())));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static String backlog(Runner runner) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode queues = JSON.createObjectNode();
        long outstanding = 0;
        for (QueueBacklog b : runner == null ? List.<QueueBacklog>of() : runner.backlog().values()) {
            queues.putObject(b.queue()).put("ready", b.ready()).put("delayed", b.delayed())
                    .put("inFlight", b.inFlight()).put("outstanding", b.outstanding());
            outstanding += b.outstanding();
        }
        root.put("outstanding", outstanding);
        root.set("queues", queues);
        return root.toString();
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
