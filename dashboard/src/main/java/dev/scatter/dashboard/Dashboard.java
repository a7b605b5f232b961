package dev.scatter.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scatter.broker.Broker;
import dev.scatter.broker.BrokerAuthException;
import dev.scatter.broker.BrokerUnavailableException;
import dev.scatter.broker.CancelOutcome;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobNotFoundException;
import dev.scatter.broker.NothingToRetryException;
import dev.scatter.task.TaskKinds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web dashboard: pages that read a JSON API under {@code /api/}, which reads Redis through the broker client
 * only. Served by the JDK's HTTP server on a few threads; a sampler reads each queue's completed counter every
 * {@link #SAMPLE_MILLIS} ms for the completion-rate chart. {@code /healthz} answers 200 while Redis answers,
 * 503 otherwise; {@code /livez} 200 while the process serves.
 *
 * <pre>{@code
 * try (Dashboard dashboard = Dashboard.start(broker, DashboardSettings.local(List.of("default")))) {
 *     System.out.println(dashboard.url());
 * }
 * }</pre>
 */
public final class Dashboard implements AutoCloseable {

    static final long SAMPLE_MILLIS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);

    private final Broker broker;
    private final DashboardSettings settings;
    private final Guard guard;
    private final Queues queues;
    private final RateHistory rates = new RateHistory();
    private final Overview overview;
    private final JobsTable jobsTable;
    private final JobPage jobPage;
    private final Listings listings;
    private final StaticFiles files = new StaticFiles();
    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService sampler;

    private Dashboard(Broker broker, DashboardSettings settings, TaskKinds kinds, Clock clock) {
        this.broker = broker;
        this.settings = settings;
        this.guard = new Guard(settings);
        this.queues = new Queues(settings.queues());
        this.overview = new Overview(broker, queues, rates, clock);
        this.jobsTable = new JobsTable(broker, clock);
        this.jobPage = new JobPage(broker, new KindViews(kinds), clock);
        this.listings = new Listings(broker, queues, clock);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(settings.bind()), settings.port()), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + settings.bind() + ":" + settings.port() + ": "
                    + e.getMessage(), e);
        }
        workers = Executors.newFixedThreadPool(4, daemon("scatter-dashboard-http"));
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        sampler = Executors.newSingleThreadScheduledExecutor(daemon("scatter-dashboard-sampler"));
    }

    /**
     * Starts serving, showing each job's result as its kind says among the kinds on the dashboard's class path (the
     * built-in ones); throws UncheckedIOException when the address cannot be listened on.
     */
    public static Dashboard start(Broker broker, DashboardSettings settings) {
        return start(broker, settings, TaskKinds.load(Dashboard.class.getClassLoader()));
    }

    /**
     * Starts serving, showing each job's result as its kind among {@code kinds} says (a plug-in's too, when they
     * hold it); throws UncheckedIOException when the address cannot be listened on.
     */
    public static Dashboard start(Broker broker, DashboardSettings settings, TaskKinds kinds) {
        Dashboard dashboard = new Dashboard(broker, settings, kinds, Clock.systemUTC());
        dashboard.server.start();
        dashboard.sampler.scheduleWithFixedDelay(dashboard::sample, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
        return dashboard;
    }

    /** The address to open: on a wildcard bind, the loopback one. */
    public String url() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + address.getPort() + "/";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void sample() {
        try {
            long at = System.currentTimeMillis();
            for (String queue : queues.names()) {
                rates.record(queue, at, broker.queue(queue).completedEver());
            }
        } catch (RuntimeException e) {
            // An outage: the chart has a gap, and the pages say why.
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        // Not try-with-resources: the exchange must stay open for the catch clauses' answers.
        try {
            Optional<String> refused = guard.refuseRead(exchange);
            if (refused.isPresent()) {
                Http.text(exchange, 403, refused.get() + "\n");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.startsWith("/api/action/")) {
                act(exchange, path.substring("/api/action/".length()));
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                Http.error(exchange, 405, "only GET here");
                return;
            }
            route(exchange, path);
        } catch (IllegalArgumentException e) {
            Http.error(exchange, 400, e.getMessage());
        } catch (BrokerUnavailableException | BrokerAuthException e) {
            Http.error(exchange, 503, "Redis: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("dashboard request {} failed: {}", exchange.getRequestURI().getPath(), e.toString());
            Http.error(exchange, 500, "internal error: " + e.getMessage());
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange, String path) throws IOException {
        Map<String, String> query = Http.query(exchange);
        switch (path) {
            case "/livez" -> Http.text(exchange, 200, "ok\n");
            case "/healthz" -> {
                broker.ping();
                Http.text(exchange, 200, "ok: Redis answers\n");
            }
            case "/api/session" -> Http.json(exchange, 200, session());
            case "/api/overview" -> Http.json(exchange, 200, overview.get());
            case "/api/jobs" -> Http.json(exchange, 200, jobsTable.page(queues.require(query.get("queue")),
                    query.get("state"), Http.intParam(query, "page", 0, 0, 100_000),
                    Http.intParam(query, "size", 25, 1, JobsTable.MAX_PAGE_SIZE)));
            case "/api/job" -> {
                JobId id = jobId(query);
                Optional<ObjectNode> job = jobPage.read(id);
                if (job.isPresent()) {
                    Http.json(exchange, 200, job.get());
                } else {
                    Http.error(exchange, 404, "no job " + id + " (or it has expired)");
                }
            }
            case "/api/job/result" -> {
                JobId id = jobId(query);
                String format = query.getOrDefault("format", "json");
                Optional<JobPage.Download> file = jobPage.result(id, format);
                if (file.isEmpty()) {
                    Http.error(exchange, 404, "job " + id + " has no result" + (format.equals("csv") ? " as CSV" : ""));
                    return;
                }
                exchange.getResponseHeaders().set("Content-Disposition",
                        "attachment; filename=\"" + file.get().fileName() + "\"");
                Http.send(exchange, 200, file.get().contentType(), file.get().bytes());
            }
            case "/api/runners" -> Http.json(exchange, 200, listings.runners());
            case "/api/dead" -> Http.json(exchange, 200, listings.dead(queues.require(query.get("queue"))));
            default -> {
                if (!files.serve(exchange)) {
                    Http.error(exchange, 404, "no such page");
                }
            }
        }
    }

    private ObjectNode session() {
        ObjectNode node = Http.JSON.createObjectNode();
        node.put("redis", broker.uri().toString());
        node.put("readOnly", guard.readOnly());
        node.put("tokenRequired", guard.tokenRequired());
        guard.pageToken().ifPresent(t -> node.put("token", t));
        queues.names().forEach(node.putArray("queues")::add);
        String version = Dashboard.class.getPackage().getImplementationVersion();
        node.put("version", version == null ? "dev" : version);
        node.put("refreshMillis", SAMPLE_MILLIS);
        return node;
    }

    private void act(HttpExchange exchange, String action) throws IOException {
        Optional<String> refused = guard.refuseAction(exchange);
        if (refused.isPresent()) {
            Http.error(exchange, "POST".equals(exchange.getRequestMethod()) ? 403 : 405, refused.get());
            return;
        }
        JobId id = jobId(Http.query(exchange));
        switch (action) {
            case "cancel" -> {
                CancelOutcome outcome = broker.cancel(id);
                LOG.info("dashboard: cancel {}: {}", id, outcome);
                int status = switch (outcome) {
                    case CANCELLED -> 200;
                    case NOT_FOUND -> 404;
                    case ALREADY_ENDED -> 409;
                };
                Http.json(exchange, status, Http.JSON.createObjectNode().put("outcome", outcome.name().toLowerCase())
                        .put("job", id.toString()));
            }
            case "retry" -> {
                try {
                    int revived = broker.retryDead(id);
                    LOG.info("dashboard: retry {}: {} tasks", id, revived);
                    Http.json(exchange, 200, Http.JSON.createObjectNode().put("retried", revived).put("job", id.toString()));
                } catch (JobNotFoundException e) {
                    Http.error(exchange, 404, e.getMessage());
                } catch (NothingToRetryException e) {
                    Http.error(exchange, 409, e.getMessage());
                }
            }
            default -> Http.error(exchange, 404, "no such action");
        }
    }

    private static JobId jobId(Map<String, String> query) {
        return JobId.parse(query.get("id"));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        server.stop(0);
        workers.shutdownNow();
    }
}
