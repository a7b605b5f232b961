package dev.scatter.submit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code submit tasks} and {@code submit logs}: a job's tasks one by one, after the job has ended. */
@ExtendWith(RealRedis.class)
class TasksCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Prints a line and {"loss": seed.5}; seed 3 writes to stderr and exits 3. */
    private static final String[] SCRIPT = {"sh", "-c",
        "echo working on $1; echo \"{\\\"loss\\\": $1.5}\"; [ $1 -ne 3 ] || { echo first >&2; echo bad seed >&2; exit 3; }",
        "sh", "{seed}"};

    @Test
    void aCommandSweepsTasksShowTheirSeedOutcomeMetricsAndStderr(@TempDir Path dir) throws Exception {
        Cli cli = Cli.inStore(dir.resolve(".scatter"));
        Cli.Run run = cli.run(args("cmd", "--seeds", "1..4", "--local", "2", "--json", "--"));
        String id = JSON.readTree(run.out()).path("id").asText();

        Cli.Run text = cli.run("tasks", id);
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out().lines().toList()).hasSize(1 + 4 + 2);
        assertThat(text.out()).contains("seed=1").contains("exited 0").contains("{\"loss\":1.5}")
                .contains("exit 3").contains("stderr: bad seed").contains("local-");

        JsonNode json = JSON.readTree(cli.run("tasks", id, "--json").out());
        assertThat(json).hasSize(4);
        JsonNode third = json.get(2);
        assertThat(third.path("params").path("seed").asText()).isEqualTo("3");
        assertThat(third.path("state").asText()).isEqualTo("succeeded");
        assertThat(third.path("outcome").asText()).isEqualTo("failed");
        assertThat(third.path("exitCode").asInt()).isEqualTo(3);
        assertThat(third.path("attempt").asInt()).isEqualTo(1);
        assertThat(third.path("seconds").isNumber()).isTrue();
        assertThat(third.path("stderrTail").asText()).isEqualTo("first\nbad seed");
        assertThat(json.get(0).path("metrics").path("loss").asDouble()).isEqualTo(1.5);

        Cli.Run failed = cli.run("tasks", id, "--failed", "--json");
        assertThat(JSON.readTree(failed.out())).hasSize(1);
        String csv = cli.run("tasks", id, "--csv").out();
        assertThat(csv.lines().findFirst().orElseThrow())
                .isEqualTo("task,seed,state,attempt,seconds,runner,outcome,exit_code,loss,error");
        assertThat(csv.lines().toList()).hasSize(5);
        assertThat(csv.lines().toList().get(3)).startsWith("2,3,succeeded,1,").contains(",failed,3,3.5,");

        Cli.Run logs = cli.run("logs", id, "2");
        assertThat(logs.exitCode()).as(logs.toString()).isZero();
        assertThat(logs.out()).contains("== stdout of task 2 ==\nworking on 3\n{\"loss\": 3.5}\n")
                .contains("== stderr of task 2 ==\nfirst\nbad seed\n");
    }

    @Test
    void aSweepsTasksShowCellFoldAndScore(RedisFixture redis) throws Exception {
        Cli cli = Cli.withRedis(redis.uri());
        Cli.Run run = cli.run("sweep", "--data", "demo:rgba", "--param", "C=0.5,2", "--folds", "2", "--seed", "0",
                "--queue", redis.queue(), "--local", "2", "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String id = JSON.readTree(run.out()).path("id").asText();
        Cli.Run text = cli.run("tasks", id);
        assertThat(text.out()).contains("C=2 fold=1").contains("score 0.");
        assertThat(text.out().lines().toList()).hasSize(1 + 4);
    }

    @Test
    void badInputIsOneLineWithItsExitCode(RedisFixture redis, @TempDir Path dir) throws Exception {
        Cli cli = Cli.withRedis(redis.uri());
        Cli.Run gone = cli.run("tasks", redis.queue() + "/mx2000000000a");
        assertThat(gone.exitCode()).isEqualTo(4);
        assertThat(gone.err().strip()).doesNotContain("\n").contains("does not exist (or has expired)");

        Cli local = Cli.inStore(dir.resolve(".scatter"));
        String id = JSON.readTree(local.run("pi", "--samples", "1e4", "--tasks", "2", "--local", "1", "--json").out())
                .path("id").asText();
        Cli.Run range = local.run("logs", id, "7");
        assertThat(range.exitCode()).isEqualTo(2);
        assertThat(range.err()).contains("has tasks 0 to 1, not 7");
        Cli.Run notCommand = local.run("logs", id, "1");
        assertThat(notCommand.exitCode()).isEqualTo(4);
        assertThat(notCommand.err()).contains("only command tasks keep theirs");
        Cli.Run pi = local.run("tasks", id);
        assertThat(pi.out()).contains("seed=").contains("samples=5000").contains("inside");
    }

    private static String[] args(String... before) {
        List<String> all = new ArrayList<>(List.of(before));
        all.addAll(List.of(SCRIPT));
        return all.toArray(String[]::new);
    }
}
