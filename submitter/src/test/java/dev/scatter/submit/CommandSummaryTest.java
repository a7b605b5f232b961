package dev.scatter.submit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A command sweep's summary says what the commands did, and reads metrics as Python prints them. */
class CommandSummaryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT = "case $1 in"
            + " 1) echo '{\"loss\": 1.5, \"acc\": Infinity}'; echo done;;"
            + " 2) echo '{\"loss\": NaN, \"acc\": 0.5}';;"
            + " 3) echo '{\"loss\": 3.5';;"
            + " 4) echo boom >&2; exit 2;;"
            + " 5) sleep 30;;"
            + " esac";

    @Test
    void theSummaryCountsEachOutcomeAndListsUnreadableMetrics() throws Exception {
        Cli.Run run = Cli.withoutRedis().run("cmd", "--seeds", "1..5", "--local", "5", "--task-timeout", "1s", "--",
                "sh", "-c", SCRIPT, "sh", "{seed}");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("(cmd) ended: 5/5 commands ran")
                .contains("commands 5 ran: 3 exited 0, 1 failed, 1 timed out, 0 not found")
                .containsPattern("loss +1\\.50000 +0\\.00000 +1\\.50000 +1\\.50000 +1  \\(\\+1 NaN or infinite, left out\\)")
                .containsPattern("acc +0\\.500000 .* 1  \\(\\+1 NaN or infinite, left out\\)")
                .contains("failed   task 3 {\"seed\":\"4\"}: exit 2 (boom)")
                .contains("failed   task 4 {\"seed\":\"5\"}: timed out")
                .contains("metrics  unreadable in task 2 {\"seed\":\"3\"}: the last line starting with '{' is not a JSON"
                        + " object")
                .contains("per task submit tasks ");
    }

    @Test
    void aProgramThatIsNotFoundIsCountedSo() throws Exception {
        Cli.Run run = Cli.withoutRedis().run("cmd", "--param", "p=no-such-program-here", "--local", "1", "--json",
                "--", "{p}");
        JsonNode result = JSON.readTree(run.out()).path("result");
        assertThat(CommandOutcome.of(result.path("failed").get(0))).isEqualTo(CommandOutcome.NOT_FOUND);
        Cli.Run text = Cli.withoutRedis().run("cmd", "--param", "p=no-such-program-here", "--local", "1", "--", "{p}");
        assertThat(text.out()).contains("commands 1 ran: 0 exited 0, 0 failed, 0 timed out, 1 not found");
    }

    @Test
    void seedsTakeRangesStepsAndListsAndRefuseAnythingElse() throws Exception {
        Cli.Run stepped = Cli.withoutRedis().run("cmd", "--seeds", "0..10..5", "--local", "1", "--json", "--", "echo",
                "{seed}");
        assertThat(stepped.exitCode()).as(stepped.toString()).isZero();
        assertThat(JSON.readTree(stepped.out()).path("result").path("tasks").asInt()).isEqualTo(3);
        for (String bad : new String[] {"1-20", "1:20", "1..", "5..1", "1..9..0", "a,b"}) {
            Cli.Run run = Cli.withoutRedis().run("cmd", "--seeds", bad, "--", "echo", "{seed}");
            assertThat(run.exitCode()).as(bad + ": " + run).isEqualTo(2);
            assertThat(run.err().strip()).as(bad).doesNotContain("\n").contains("--seeds");
        }
        assertThat(Cli.withoutRedis().run("cmd", "--seeds", "1-20", "--", "echo", "{seed}").err())
                .contains("is not a range or list of whole numbers: write 1..20, 0..100..10 (a step) or 1,5,9");
    }
}
