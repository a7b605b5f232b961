package dev.scatter.submit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** --out and --plot on every job command and on submit result, in local and distributed mode alike. */
@ExtendWith(RealRedis.class)
class ResultFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aLocalJobIsWrittenAndDrawnAndSoIsItsKeptResultLater(@TempDir Path dir) throws Exception {
        Cli cli = Cli.inStore(dir.resolve(".scatter"));
        Path json = dir.resolve("pi.json");
        Path png = dir.resolve("pi.png");
        Cli.Run run = cli.run("pi", "--samples", "1e5", "--tasks", "4", "--local", "2", "--out", json.toString(),
                "--plot", png.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).contains("plot written to " + png).contains("job written to " + json);
        JsonNode job = JSON.readTree(json.toFile());
        assertThat(job.path("result").path("samples").asLong()).isEqualTo(100_000);
        assertThat(Files.size(png)).isPositive();

        String id = job.path("id").asText();
        Path later = dir.resolve("later.png");
        Path csv = dir.resolve("tasks.csv");
        Cli.Run result = cli.run("result", id, "--plot", later.toString(), "--out", csv.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(Files.size(later)).isPositive();
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0)).startsWith("task,seed,samples,state,attempt,seconds,runner,outcome,exit_code,inside");
    }

    @Test
    void aCommandSweepIsWrittenALinePerTask(RedisFixture redis, @TempDir Path dir) throws Exception {
        Path jsonl = dir.resolve("tasks.jsonl");
        Cli.Run run = Cli.withRedis(redis.uri()).run("cmd", "--seeds", "1..3", "--queue", redis.queue(), "--local",
                "2", "--out", jsonl.toString(), "--plot", dir.resolve("m.svg").toString(), "--", "sh", "-c",
                "echo \"{\\\"loss\\\": $1}\"", "sh", "{seed}");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = Files.readAllLines(jsonl);
        assertThat(lines).hasSize(3);
        JsonNode second = JSON.readTree(lines.get(1));
        assertThat(second.path("params").path("seed").asText()).isEqualTo("2");
        assertThat(second.path("metrics").path("loss").asInt()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("m.svg"))).contains("<svg");
    }

    @Test
    void badFilesAreRefusedBeforeAnythingRuns(RedisFixture redis, @TempDir Path dir) {
        Cli local = Cli.withoutRedis();
        expect(local.run("pi", "--out", dir.resolve("no/such/dir/x.json").toString()), "there is no folder");
        expect(local.run("pi", "--out", dir.resolve("x.txt").toString()), "unknown extension '.txt': use .json");
        expect(local.run("pi", "--plot", dir.resolve("x.gif").toString()), "--plot");
        expect(local.run("job", "noop", "--tasks", "1", "--plot", dir.resolve("x.png").toString()),
                "there is no plot for jobs of kind 'noop'");
        expect(Cli.withRedis(redis.uri()).run("pi", "--queue", redis.queue(), "--no-wait", "--out",
                dir.resolve("x.json").toString()), "cannot go with --no-wait");
        expect(Cli.withRedis(redis.uri()).run("result", redis.queue() + "/mx2000000000a", "--out",
                dir.resolve("x.csv5").toString()), "unknown extension '.csv5'");
        assertThat(dir.resolve("x.json")).doesNotExist();
    }

    private static void expect(Cli.Run run, String message) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err().strip()).as(run.toString()).doesNotContain("\n").contains(message);
    }
}
