package dev.scatter.submit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --reuse: only the tasks no earlier job has a result for run. */
class ReuseTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void extendingACommandSweepRunsOnlyTheNewSeeds(@TempDir Path dir) throws Exception {
        Cli cli = Cli.inStore(dir.resolve(".scatter"));
        Path ran = dir.resolve("ran.txt");
        String[] command = {"--", "sh", "-c", "echo $1 >> " + ran + "; echo \"{\\\"loss\\\": $1}\"; [ $1 -ne 2 ]",
            "sh", "{seed}"};
        Cli.Run first = cli.run(concat(new String[] {"cmd", "--seeds", "1..3", "--local", "2"}, command));
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(1);
        Cli.Run second = cli.run(concat(new String[] {"cmd", "--seeds", "1..5", "--local", "2", "--reuse", "--json"},
                command));
        assertThat(second.err()).contains("--reuse: 2 of 5 tasks reused from job ").contains("; 3 to run");
        assertThat(Files.readAllLines(ran)).as("seed 2 failed: it runs again").containsExactlyInAnyOrder(
                "1", "2", "3", "2", "4", "5");
        JsonNode result = JSON.readTree(second.out()).path("result");
        assertThat(result.path("tasks").asInt()).isEqualTo(5);
        assertThat(result.path("metrics").path("loss").path("count").asInt()).isEqualTo(4);
    }

    @Test
    void aGridWithMoreValuesRunsOnlyItsNewCellsWithTheSameScores(@TempDir Path dir) throws Exception {
        Cli cli = Cli.inStore(dir.resolve(".scatter"));
        Cli.Run first = cli.run("sweep", "--data", "demo:rgba", "--param", "C=0.5,2", "--folds", "2", "--seed", "0",
                "--local", "2", "--json");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        Cli.Run second = cli.run("sweep", "--data", "demo:rgba", "--param", "C=0.5,2,8", "--folds", "2", "--seed", "0",
                "--local", "2", "--json", "--reuse");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.err()).contains("--reuse: 4 of 6 tasks reused");
        String id = JSON.readTree(second.out()).path("id").asText();
        JsonNode tasks = JSON.readTree(cli.run("tasks", id, "--json").out());
        int reused = 0;
        for (JsonNode task : tasks) {
            if (task.path("result").has("reusedFrom")) {
                reused++;
            }
        }
        assertThat(reused).isEqualTo(4);
        Cli.Run fresh = Cli.inStore(dir.resolve("other")).run("sweep", "--data", "demo:rgba", "--param", "C=0.5,2,8",
                "--folds", "2", "--seed", "0", "--local", "2", "--json");
        assertThat(scores(second)).isEqualTo(scores(fresh));

        Cli.Run otherSeed = cli.run("sweep", "--data", "demo:rgba", "--param", "C=0.5", "--folds", "2", "--seed", "1",
                "--local", "1", "--reuse");
        assertThat(otherSeed.err()).contains("--reuse: 0 of 2 tasks reused; 2 to run");
    }

    @Test
    void aKindThatCannotReuseIsRefused() {
        Cli.Run run = Cli.withoutRedis().run("job", "noop", "--tasks", "2", "--reuse");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--reuse: jobs of kind 'noop' cannot reuse results");
    }

    private static String scores(Cli.Run run) throws Exception {
        StringBuilder out = new StringBuilder();
        for (JsonNode cell : JSON.readTree(run.out()).path("result").path("cells")) {
            out.append(cell.path("params")).append('=').append(cell.path("meanScore")).append(';');
        }
        return out.toString();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
