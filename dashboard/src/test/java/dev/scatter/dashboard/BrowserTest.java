package dev.scatter.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scatter.broker.Broker;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobSpec;
import dev.scatter.broker.JobState;
import dev.scatter.broker.QueueBacklog;
import dev.scatter.broker.TaskQueue;
import dev.scatter.broker.testing.DedicatedRedis;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import dev.scatter.kinds.sweep.SweepResults;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import redis.clients.jedis.RedisClient;

/**
 * What a user sees, in a real headless Chromium: live numbers that agree with the backlog, progress that moves
 * without a reload, the pi band and the sweep heatmap drawn, cancel and retry (with and without a token), hostile
 * text shown as text, and the outage banner. Each page is saved as a screenshot under target/screenshots.
 */
@ExtendWith(RealRedis.class)
class BrowserTest {

    private static Browser browser;

    @BeforeAll
    static void startBrowser() {
        String why = Browser.unavailable();
        if (why == null) {
            browser = Browser.start();
        } else {
            System.err.println("BrowserTest: " + why);
        }
    }

    /** Each test skipped by name, saying why, where there is no browser (failed under CI). */
    @BeforeEach
    void needsABrowser() {
        Browser.requireAvailable();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private static String pi(int inside) {
        return "{\"inside\":" + inside + ",\"samples\":100,\"finishedAt\":" + System.nanoTime() + "}";
    }

    @Test
    void theOverviewAgreesWithTheBacklogAndProgressMovesWithoutAReload(RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri()); Dashboard dashboard = DashboardApiTest.start(broker, redis.queue())) {
            JobId job = broker.submit(JobSpec.of("pi", "{\"samples\":1000}", 10).withQueue(redis.queue()));
            FakeRunner runner = new FakeRunner(broker, redis.queue(), "pi").beat("browser-" + redis.queue(), 4);
            runner.claim(4);
            runner.complete(2, t -> pi(78));

            browser.open(dashboard.url());
            String row = "#running-table tr[data-job='" + job + "'] .progress";
            browser.waiting().until(d -> "20.0".equals(browser.attribute(row, "data-progress")));
            browser.js("window.notReloaded = true;");
            TaskQueue queue = broker.queue(redis.queue());
            QueueBacklog backlog = queue.backlog();
            long dead = queue.deadCount();
            browser.waiting().until(d -> text("#queue-table tr[data-queue='" + redis.queue() + "'] .inflight").equals("2"));
            assertThat(text("#queue-table tr[data-queue='" + redis.queue() + "'] .ready")).isEqualTo(Long.toString(backlog.ready()));
            assertThat(text("#queue-table tr[data-queue='" + redis.queue() + "'] .inflight")).isEqualTo(Long.toString(backlog.inFlight()));
            assertThat(text("#queue-table tr[data-queue='" + redis.queue() + "'] .dead")).isEqualTo(Long.toString(dead));
            assertThat(text("#queue-table tr[data-queue='" + redis.queue() + "'] .outstanding")).isEqualTo(Long.toString(backlog.outstanding()));
            browser.screenshot("overview");

            runner.complete(2, t -> pi(79));
            runner.claim(6);
            runner.complete(3, t -> pi(77));
            browser.waiting().until(d -> "70.0".equals(browser.attribute(row, "data-progress")));
            assertThat(browser.js("return window.notReloaded === true;")).isEqualTo(true);
            assertThat(text("#running-table tr[data-job='" + job + "']")).contains("7 / 10");
        }
    }

    @Test
    void thePiEstimateAndItsBandAreDrawnAndGrow(RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri()); Dashboard dashboard = DashboardApiTest.start(broker, redis.queue())) {
            JobId job = broker.submit(JobSpec.of("pi", "{\"samples\":1000}", 10).withQueue(redis.queue()));
            FakeRunner runner = new FakeRunner(broker, redis.queue(), "pi");
            runner.claim(10);
            runner.complete(4, t -> pi(80));
            browser.open(dashboard.url() + "job?id=" + job);
            browser.waiting().until(d -> "4".equals(browser.attribute("#pi-chart", "data-points")));
            assertThat(text("#pi-estimate")).isEqualTo("3.200000");
            double half = 1.96 * 4 * Math.sqrt(0.8 * 0.2 / 400);
            assertThat(text("#pi-band")).isEqualTo(String.format(java.util.Locale.ROOT, "%.6f – %.6f", 3.2 - half, 3.2 + half));
            runner.complete(6, t -> pi(75));
            browser.waiting().until(d -> "10".equals(browser.attribute("#pi-chart", "data-points")));
            assertThat(text("#pi-estimate")).isEqualTo("3.080000");
            assertThat(paintedPixels("#pi-chart canvas")).as("the chart is drawn").isGreaterThan(500);
            browser.screenshot("job-pi");
        }
    }

    @Test
    void theSweepHeatmapMarksTheBestCellAndMatchesTheResult(RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri()); Dashboard dashboard = DashboardApiTest.start(broker, redis.queue())) {
            JobId job = broker.submit(JobSpec.of("sweep", "{\"data\":\"demo\"}", 2).withQueue(redis.queue()));
            new FakeRunner(broker, redis.queue(), "sweep").runToEnd(2, t -> "{}", SweepResults.FOUR_CELLS);
            browser.open(dashboard.url() + "job?id=" + job);
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#heatmap rect.cell")));
            // Read in one step in the page: [fill, value, class] of each square.
            @SuppressWarnings("unchecked")
            List<List<String>> cells = (List<List<String>>) browser.js("return Array.from(document.querySelectorAll("
                    + "'#heatmap rect.cell')).map(r => [r.getAttribute('fill'), r.getAttribute('data-value'), r.getAttribute('class')]);");
            assertThat(cells).hasSize(4);
            assertThat(cells.stream().filter(c -> c.get(2).contains("best")).map(c -> c.get(1))).containsExactly("0.9");
            assertThat(cells.stream().map(c -> c.get(0)).distinct()).as("the colours tell cells apart").hasSize(3);
            assertThat(text("#ranked-table tbody tr:first-child .mean")).isEqualTo("0.9000");
            assertThat(text("#ranked-table tbody tr:first-child")).contains("=cmd|calc");
            assertThat(browser.driver().findElement(By.id("download-csv")).isDisplayed()).isTrue();
            browser.screenshot("job-sweep");
        }
    }

    @Test
    void cancelFromTheJobPageCancelsTheJob(RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri()); Dashboard dashboard = DashboardApiTest.start(broker, redis.queue())) {
            JobId job = broker.submit(JobSpec.of("noop", "{}", 5).withQueue(redis.queue()));
            browser.open(dashboard.url() + "job?id=" + job);
            browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("cancel"))).click();
            browser.waiting().until(ExpectedConditions.alertIsPresent()).accept();
            browser.waiting().until(d -> text(".state").equals("cancelled"));
            assertThat(broker.status(job).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        }
    }

    @Test
    void retryNeedsTheTokenWhenOneIsSet(RedisFixture redis) {
        String token = "the-users-own-token-0123456789";
        try (Broker broker = Broker.connect(redis.uri());
             Dashboard dashboard = Dashboard.start(broker, new DashboardSettings("127.0.0.1", 0, List.of(redis.queue()), false, token))) {
            JobId job = broker.submit(JobSpec.of("pi", "{}", 2).withQueue(redis.queue()));
            FakeRunner runner = new FakeRunner(broker, redis.queue(), "pi");
            runner.claim(2);
            runner.failAll("flaky network");
            browser.open(dashboard.url() + "job?id=" + job);
            WebElement retry = browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("retry")));
            retry.click();
            browser.waiting().until(d -> text("#action-result").contains("enter the dashboard token first"));
            browser.driver().findElement(By.id("token")).sendKeys("wrong-token-wrong-token");
            retry.click();
            browser.waiting().until(d -> text("#action-result").contains("needs the dashboard's token"));
            assertThat(broker.queue(redis.queue()).backlog().ready()).isZero();
            browser.driver().findElement(By.id("token")).clear();
            browser.driver().findElement(By.id("token")).sendKeys(token);
            retry.click();
            browser.waiting().until(d -> text("#action-result").contains("2 dead tasks made ready again"));
            assertThat(broker.queue(redis.queue()).backlog().ready()).isEqualTo(2);
        }
    }

    @Test
    void hostileTextFromJobsAndTasksIsShownAsTextAndNeverRuns(RedisFixture redis) {
        String script = "<script>window.pwned=1</script>";
        String attribute = "\"onmouseover=\"window.pwned=2\" x=\"";
        String image = "<img src=x onerror=\"window.pwned=3\">";
        try (Broker broker = Broker.connect(redis.uri()); Dashboard dashboard = DashboardApiTest.start(broker, redis.queue())) {
            String params = "{\"" + escapeJson(script) + "\":\"" + escapeJson(attribute) + "\",\"note\":\"" + escapeJson(image) + "\"}";
            JobId job = broker.submit(JobSpec.of("plugin.kind", params, 3).withQueue(redis.queue()));
            FakeRunner runner = new FakeRunner(broker, redis.queue(), "plugin.kind").beat("evil-" + redis.queue(), 1, image);
            runner.claim(2);
            runner.failAll(script + " " + attribute + " " + image);
            try (RedisClient raw = RedisClient.create(redis.uri())) {
                raw.lpush(broker.queue(redis.queue()).keys().ready(), "malformed " + image);
            }
            runner.claim(1);
            // The overview and the jobs table show the job but none of its texts; the others show them.
            Map<String, String> shows = Map.of("", job.toString(), "jobs?queue=" + redis.queue(), job.toString(),
                    "job?id=" + job, "window.pwned", "dead?queue=" + redis.queue(), "window.pwned", "runners", "window.pwned");
            for (Map.Entry<String, String> page : shows.entrySet()) {
                browser.open(dashboard.url() + page.getKey());
                browser.waiting().until(d -> text("main").contains(page.getValue()));
                hover();
                assertThat(browser.js("return window.pwned === undefined;")).as(page.getKey()).isEqualTo(true);
                assertThat(browser.driver().findElements(By.cssSelector("main script, main img"))).as(page.getKey()).isEmpty();
            }
            browser.open(dashboard.url() + "job?id=" + job);
            browser.waiting().until(d -> text("#dead").contains(image));
            // Parameters show as JSON (its quotes escaped), errors as they were sent.
            assertThat(text("#params")).contains(script).contains("onmouseover=\\\"window.pwned=2").contains("<img src=x");
            assertThat(text("#dead")).contains(script).contains(attribute).contains(image);
            browser.screenshot("job-hostile");
            browser.open(dashboard.url() + "dead?queue=" + redis.queue());
            browser.waiting().until(d -> text("#malformed-table").contains("malformed " + image));
            assertThat(browser.driver().findElements(By.cssSelector("main img"))).isEmpty();
            assertThat(browser.js("return window.pwned === undefined;")).isEqualTo(true);
        }
    }

    @Test
    void aRedisOutageShowsABannerThatGoesWhenRedisReturns(@DedicatedRedis RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri()); Dashboard dashboard = DashboardApiTest.start(broker, redis.queue())) {
            broker.submit(JobSpec.of("noop", "{}", 1).withQueue(redis.queue()));
            browser.open(dashboard.url());
            browser.waiting().until(d -> !text("#queue-table").isEmpty());
            assertThat(browser.driver().findElement(By.id("banner")).isDisplayed()).isFalse();
            redis.server().stop();
            browser.waiting().until(d -> d.findElement(By.id("banner")).isDisplayed());
            assertThat(text("#banner")).contains("Redis cannot be reached");
            browser.screenshot("overview-outage");
            redis.server().start();
            browser.waiting().until(d -> !d.findElement(By.id("banner")).isDisplayed());
        }
    }

    @Test
    void everyPageLoadsAndIsSaved(RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri()); Dashboard dashboard = DashboardApiTest.start(broker, redis.queue())) {
            JobId job = broker.submit(JobSpec.of("pi", "{}", 4).withQueue(redis.queue()));
            FakeRunner runner = new FakeRunner(broker, redis.queue(), "pi").beat("runner-pages-" + redis.queue(), 8);
            runner.claim(3);
            runner.failAll("java.lang.ArithmeticException: / by zero");
            browser.open(dashboard.url() + "jobs?queue=" + redis.queue());
            browser.waiting().until(d -> text("#jobs-table").contains(job.toString()));
            browser.screenshot("jobs");
            browser.open(dashboard.url() + "runners");
            browser.waiting().until(d -> text("#runners-table").contains("runner-pages-" + redis.queue()));
            browser.screenshot("runners");
            browser.open(dashboard.url() + "dead?queue=" + redis.queue());
            browser.waiting().until(d -> text("#dead").contains("by zero"));
            browser.screenshot("dead");
        }
    }

    private static String text(String css) {
        return browser.text(css);
    }

    /** Moves the pointer over every element, for handlers a hostile attribute would have planted. */
    private static void hover() {
        browser.js("document.querySelectorAll('main *').forEach(e => e.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})));");
    }

    private static long paintedPixels(String css) {
        Object n = browser.js("const c = document.querySelector(arguments[0]); if (!c) return 0;"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
                + "for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n;", css);
        return ((Number) n).longValue();
    }

    private static String escapeJson(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
