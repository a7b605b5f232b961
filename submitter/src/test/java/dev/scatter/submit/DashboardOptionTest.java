package dev.scatter.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * {@code --dashboard} on a job command: its URL before the progress bar, served while the job runs and after it
 * until Enter, then gone; the job's exit code all the same.
 */
@ExtendWith(RealRedis.class)
class DashboardOptionTest {

    private static final Pattern URL = Pattern.compile("dashboard at (http://127\\.0\\.0\\.1:\\d+/)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void theDashboardServesTheJobAndStaysUpUntilEnter(RedisFixture redis) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SubmitCli.create(new PrintWriter(out, true), new PrintWriter(err, true), Map.of("REDIS_URL", redis.uri()));
        PipedOutputStream keyboard = new PipedOutputStream();
        ((SubmitCommand) cli.getCommand()).in = new PipedInputStream(keyboard);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute("pi", "--samples", "4000",
                "--tasks", "4", "--local", "1", "--queue", redis.queue(), "--dashboard", "--dashboard-port", "0"));

        await().atMost(Duration.ofSeconds(30)).until(() -> err.toString().contains("stays up"));
        String text = err.toString();
        Matcher url = URL.matcher(text);
        assertThat(url.find()).as(text).isTrue();
        assertThat(text.indexOf("dashboard at")).as("the URL comes before the job is submitted")
                .isLessThan(text.indexOf("submitted"));
        JsonNode jobs = get(url.group(1) + "api/jobs?queue=" + redis.queue());
        assertThat(jobs.path("jobs").get(0).path("state").asText()).isEqualTo("succeeded");
        assertThat(out.toString()).contains("succeeded");
        assertThat(exit).isNotDone();

        keyboard.write('\n');
        keyboard.flush();
        assertThat(exit.get(10, java.util.concurrent.TimeUnit.SECONDS)).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> get(url.group(1) + "livez"))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void itNeedsToWaitForTheJob(RedisFixture redis) {
        Cli.Run run = Cli.withRedis(redis.uri()).run("pi", "--samples", "10", "--tasks", "1", "--no-wait", "--dashboard");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("--dashboard serves while submit waits for the job");
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JobJson.MAPPER.readTree(response.body().startsWith("{") ? response.body() : "{}");
    }
}
