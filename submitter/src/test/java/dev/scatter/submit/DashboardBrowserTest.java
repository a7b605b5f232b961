package dev.scatter.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scatter.broker.Broker;
import dev.scatter.broker.JobId;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import dev.scatter.dashboard.Browser;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * {@code submit pi --dashboard} end to end: a real Redis, a real runner in the submitting process, and the page a
 * user opens in headless Chromium: progress that advances without a reload, the pi estimate of the job's own
 * result, and the overview's numbers as {@code submit backlog} prints them.
 */
@ExtendWith(RealRedis.class)
class DashboardBrowserTest {

    private static final Pattern URL = Pattern.compile("dashboard at (http://127\\.0\\.0\\.1:\\d+/)");
    private static final Pattern JOB = Pattern.compile("job (\\S+) submitted");

    @Test
    void aLocalJobsDashboardShowsItLiveAndItsResult(RedisFixture redis) throws Exception {
        Browser.requireAvailable();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SubmitCli.create(new PrintWriter(out, true), new PrintWriter(err, true), Map.of("REDIS_URL", redis.uri()));
        PipedOutputStream keyboard = new PipedOutputStream();
        ((SubmitCommand) cli.getCommand()).in = new PipedInputStream(keyboard);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute("pi", "--samples", "3e9",
                "--tasks", "150", "--local", "1", "--seed", "3", "--queue", redis.queue(), "--dashboard", "--dashboard-port", "0"));
        try (Browser browser = Browser.start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> JOB.matcher(err.toString()).find());
            Matcher url = URL.matcher(err.toString());
            Matcher job = JOB.matcher(err.toString());
            assertThat(url.find() && job.find()).as(err.toString()).isTrue();
            JobId id = JobId.parse(job.group(1));

            browser.open(url.group(1) + "job?id=" + id);
            browser.js("window.notReloaded = true;");
            String bar = "#progress .progress";
            browser.waiting().until(d -> progress(browser, bar) > 0 && progress(browser, bar) < 100);
            double first = progress(browser, bar);
            browser.waiting().until(d -> progress(browser, bar) > first);
            assertThat(browser.js("return window.notReloaded === true;")).as("no reload").isEqualTo(true);
            browser.waiting().withTimeout(Duration.ofSeconds(120)).until(d -> browser.text(".state").equals("succeeded"));
            browser.waiting().until(d -> "150".equals(browser.text(".figure.succeeded .value")));

            try (Broker broker = Broker.connect(redis.uri())) {
                JsonNode result = JobJson.MAPPER.readTree(broker.status(id).orElseThrow().result());
                browser.waiting().until(d -> browser.text("#pi-estimate")
                        .equals(String.format(Locale.ROOT, "%.6f", result.path("estimate").asDouble())));
                assertThat(browser.attribute("#pi-chart", "data-points")).isEqualTo(Integer.toString(result.path("running").size()));
            }
            browser.screenshot("submit-dashboard-job-pi");

            browser.open(url.group(1));
            String row = "#queue-table tr[data-queue='" + redis.queue() + "'] ";
            browser.waiting().until(d -> !browser.text(row + ".ready").isEmpty());
            JsonNode backlog = JobJson.MAPPER.readTree(Cli.withRedis(redis.uri()).run("backlog", "--queue", redis.queue(), "--json").out())
                    .path("queues").path(redis.queue());
            for (String[] column : new String[][] {{"ready", "ready"}, {"inflight", "inFlight"}, {"dead", "dead"},
                    {"outstanding", "outstanding"}, {"malformed", "malformed"}}) {
                assertThat(browser.text(row + "." + column[0])).as(column[1]).isEqualTo(backlog.path(column[1]).asText());
            }
            assertThat(exit).as("the dashboard stays up after the job").isNotDone();
        } finally {
            keyboard.write('\n');
            keyboard.flush();
        }
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    }

    private static double progress(Browser browser, String css) {
        String value = browser.attribute(css, "data-progress");
        return value == null ? -1 : Double.parseDouble(value);
    }
}
