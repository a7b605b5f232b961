package dev.scatter.dashboard;

import dev.scatter.broker.Broker;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import redis.clients.jedis.RedisClient;

/**
 * By hand, not a test: fills a queue with JOBS jobs of TASKS tasks each on the Redis at the given URI (an empty
 * one of your own), then times each page's API answer uncached and counts the Redis commands it costs (INFO
 * commandstats before and after). docs/dashboard.md reports its figures.
 *
 * <pre>java -cp ... dev.scatter.dashboard.LoadMeasurement redis://127.0.0.1:7202 100000 10</pre>
 */
public final class LoadMeasurement {

    public static void main(String[] args) throws Exception {
        String uri = args[0];
        int jobs = Integer.parseInt(args[1]);
        int tasks = Integer.parseInt(args[2]);
        String queue = "load";
        try (Broker broker = Broker.connect(uri); RedisClient raw = RedisClient.create(uri)) {
            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<JobId>> ids = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                ids.add(pool.submit(() -> broker.submit(JobSpec.of("noop", "{\"note\":\"load\"}", tasks).withQueue(queue))));
            }
            JobId last = null;
            for (Future<JobId> id : ids) {
                last = id.get();
            }
            pool.shutdown();
            System.out.printf("submitted %,d jobs of %d tasks in %.1f s%n", jobs, tasks, (System.nanoTime() - start) / 1e9);
            FakeRunner runner = new FakeRunner(broker, queue, "noop").beat("load-runner", 8);
            runner.claim(1000);
            runner.complete(900, t -> "{}");
            runner.failAll("load: failed on purpose");
            System.out.println("used memory: " + broker.memoryReport());

            try (Dashboard dashboard = Dashboard.start(broker, new DashboardSettings("127.0.0.1", 0, List.of(queue), false, null))) {
                String base = dashboard.url().replaceAll("/$", "");
                HttpClient http = HttpClient.newHttpClient();
                Map<String, String> pages = new java.util.LinkedHashMap<>();
                pages.put("overview", "/api/overview");
                pages.put("jobs (newest 25)", "/api/jobs?queue=" + queue);
                pages.put("jobs, page 2000", "/api/jobs?queue=" + queue + "&page=2000");
                pages.put("jobs, state=running", "/api/jobs?queue=" + queue + "&state=running");
                pages.put("jobs, state=failed", "/api/jobs?queue=" + queue + "&state=failed");
                pages.put("job", "/api/job?id=" + last);
                pages.put("runners", "/api/runners");
                pages.put("dead", "/api/dead?queue=" + queue);
                get(http, base + "/api/overview");
                for (Map.Entry<String, String> page : pages.entrySet()) {
                    List<Double> millis = new ArrayList<>();
                    Map<String, Long> commands = null;
                    for (int i = 0; i < 7; i++) {
                        Thread.sleep(1_100); // past the overview's one-second sharing: every answer is read afresh
                        Map<String, Long> before = commandStats(raw);
                        long t = System.nanoTime();
                        int status = get(http, base + page.getValue());
                        millis.add((System.nanoTime() - t) / 1e6);
                        if (status != 200) {
                            throw new AssertionError(page + " answered " + status);
                        }
                        commands = minus(commandStats(raw), before);
                    }
                    Collections.sort(millis);
                    System.out.printf("%-22s median %6.1f ms  max %6.1f ms  Redis commands: %s%n", page.getKey(),
                            millis.get(millis.size() / 2), millis.get(millis.size() - 1), commands);
                }
            }
        }
    }

    private static int get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Map<String, Long> commandStats(RedisClient raw) {
        Map<String, Long> calls = new TreeMap<>();
        for (String line : raw.info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_")) {
                String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                String value = line.substring(line.indexOf("calls=") + 6);
                calls.put(name, Long.parseLong(value.substring(0, value.indexOf(','))));
            }
        }
        return calls;
    }

    /** The commands of the request: after minus before, less the INFO itself. */
    private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> diff = new TreeMap<>();
        after.forEach((k, v) -> {
            long n = v - before.getOrDefault(k, 0L) - (k.equals("info") ? 1 : 0);
            if (n > 0) {
                diff.put(k, n);
            }
        });
        return diff;
    }
}
