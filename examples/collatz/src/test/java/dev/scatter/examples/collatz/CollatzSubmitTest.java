package dev.scatter.examples.collatz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import dev.scatter.submit.SubmitCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The plug-in as submit sees it on its class path: its own subcommand, result text and plot. */
@ExtendWith(RealRedis.class)
class CollatzSubmitTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void submitCollatzRunsTheJobAndPrintsTheKindsText(RedisFixture redis) {
        Run run = run("--redis", redis.uri(), "collatz", "--limit", "10000", "--tasks", "4", "--local", "2",
                "--queue", redis.queue());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("longest  6171: 261 steps to 1");
    }

    @Test
    void submitResultDrawsTheKindsPlot(RedisFixture redis, @TempDir Path dir) throws Exception {
        Run run = run("--redis", redis.uri(), "--json", "collatz", "--limit", "1000", "--tasks", "2", "--local", "1",
                "--queue", redis.queue());
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode job = JSON.readTree(run.out());
        Path png = dir.resolve("chain.png");
        Run result = run("--redis", redis.uri(), "result", job.path("id").asText(), "--plot",
                png.toString());
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(Files.size(png)).isPositive();
    }

    @Test
    void badOptionsAreOneLineAndExitTwo(RedisFixture redis) {
        Run run = run("--redis", redis.uri(), "collatz", "--limit", "3", "--tasks", "4", "--queue", redis.queue());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("submit collatz: more tasks (4) than numbers to scan (3)");
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SubmitCli.create(new PrintWriter(out, true), new PrintWriter(err, true), Map.of()).execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
