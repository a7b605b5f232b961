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

/** submit sweep end to end against a real Redis, with runners in the test's process (--local). */
@ExtendWith(RealRedis.class)
class SweepCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aDemoSweepRanksItsCellsAndPrintsThemAsJsonTextAndCsv(RedisFixture redis, @TempDir Path dir) throws Exception {
        Cli cli = Cli.withRedis(redis.uri());
        Path csv = dir.resolve("cells.csv");
        Cli.Run run = cli.run("sweep", "--data", "demo:rgba:300", "--param", "kernel=rbf,poly", "--param", "C=0.1,2.5",
                "--folds", "3", "--seed", "0", "--queue", redis.queue(), "--local", "2", "--csv", csv.toString(), "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode job = JSON.readTree(run.out());
        assertThat(job.path("kind").asText()).isEqualTo("sweep");
        assertThat(job.path("tasks").path("total").asInt()).isEqualTo(12);
        assertThat(job.path("params").path("data").path("name").asText()).isEqualTo("demo:rgba:300");
        JsonNode result = job.path("result");
        JsonNode cells = result.path("cells");
        assertThat(cells).hasSize(4);
        assertThat(cells.get(0).path("params").toString()).isEqualTo("{\"C\":0.1,\"kernel\":\"rbf\"}");
        double bestMean = 0;
        for (JsonNode cell : cells) {
            assertThat(cell.path("scores")).hasSize(3);
            assertThat(cell.path("fitSeconds")).hasSize(3);
            assertThat(cell.path("meanScore").asDouble()).isBetween(0.4, 1.0);
            assertThat(cell.path("stdScore").asDouble()).isBetween(0.0, 0.5);
            assertThat(cell.path("rank").asInt()).isBetween(1, 4);
            bestMean = Math.max(bestMean, cell.path("meanScore").asDouble());
        }
        assertThat(result.path("best").path("meanScore").asDouble()).isEqualTo(bestMean);
        assertThat(result.path("best").path("rank").asInt()).isEqualTo(1);
        assertThat(result.path("seed").asLong()).isZero();

        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo("index,param_C,param_kernel,mean_test_score,std_test_score,rank_test_score,"
                + "split0_test_score,split1_test_score,split2_test_score,mean_fit_time,std_fit_time");
        assertThat(lines.get(1)).startsWith("0,0.1,rbf,");

        Cli.Run text = cli.run("result", job.path("id").asText());
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).contains("sweep    svc on demo:rgba:300, 3 stratified folds (seed 0), accuracy; 4 cells")
                .contains("rank  accuracy").contains("best     C=");
    }

    @Test
    void aFoldColumnSharedDataAndOtherScoring(RedisFixture redis, @TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("x,y,site,label\n");
        for (int i = 0; i < 60; i++) {
            double x = (i * 37 % 60) / 60.0;
            csv.append(x).append(',').append(i % 7).append(',').append(i % 3).append(',')
                    .append(x + (i % 5) * 0.05 > 0.6 ? "yes" : "no").append('\n');
        }
        Path data = Files.writeString(dir.resolve("sites.csv"), csv);
        Cli.Run run = Cli.withRedis(redis.uri()).run("sweep", "--data", data.toString(), "--fold-column", "site",
                "--param", "C=1,10", "--scale", "--scoring", "f1_macro", "--data-shared", "--queue", redis.queue(),
                "--local", "1", "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode job = JSON.readTree(run.out());
        assertThat(job.path("params").path("data").path("path").asText()).isEqualTo(data.toAbsolutePath().toString());
        assertThat(job.path("params").path("features").toString()).isEqualTo("[\"x\",\"y\"]");
        JsonNode result = job.path("result");
        assertThat(result.path("folds").asInt()).isEqualTo(3);
        assertThat(result.path("foldColumn").asText()).isEqualTo("site");
        assertThat(result.has("seed")).isFalse();
        assertThat(result.path("scoring").asText()).isEqualTo("f1_macro");
        assertThat(result.path("cells")).hasSize(2);
        assertThat(result.path("best").path("meanScore").asDouble()).isGreaterThan(0.6);
    }

    @Test
    void randomSearchDrawsTheSameCellsFromTheSameSeed(RedisFixture redis) throws Exception {
        Cli cli = Cli.withRedis(redis.uri());
        String[] args = {"sweep", "--data", "demo:rgba:100", "--random", "6", "--param", "C=loguniform(0.01,100)",
            "--param", "kernel=rbf,poly", "--seed", "11", "--queue", redis.queue(), "--no-wait", "--json"};
        Cli.Run first = cli.run(args);
        Cli.Run second = cli.run(args);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        JsonNode grid = JSON.readTree(first.out()).path("params").path("grid");
        assertThat(grid).hasSize(6);
        assertThat(JSON.readTree(second.out()).path("params").path("grid")).isEqualTo(grid);
        assertThat(JSON.readTree(first.out()).path("tasks").path("total").asInt()).isEqualTo(30);
        for (JsonNode cell : grid) {
            assertThat(cell.path("C").asDouble()).isBetween(0.01, 100.0);
        }
    }
}
