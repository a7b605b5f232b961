package dev.scatter.kinds.cmd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A command sweep whose commands exited non-zero succeeded as a job, yet reports failures: submit exits 1. */
class CommandKindViewsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void failedCommandsMakeTheResultReportFailure() throws Exception {
        CommandKind kind = new CommandKind();
        assertThat(kind.resultReportsFailure(JSON.readTree("{\"failedCount\": 2}"))).isTrue();
        assertThat(kind.resultReportsFailure(JSON.readTree("{\"failedCount\": 0}"))).isFalse();
        assertThat(kind.summary(null, JSON.readTree("{\"tasks\": 5, \"succeeded\": 3, \"failedCount\": 2}"))
                .toString()).isEqualTo("{\"tasks\":5,\"succeeded\":3,\"failed\":2}");
    }

    @Test
    void eachTaskSaysWhatItsCommandDidAndOnlyCommandsThatExited0AreReusable() throws Exception {
        CommandKind kind = new CommandKind();
        var failed = kind.taskOutcome(JSON.readTree("{\"exitCode\": 3, \"metrics\": {\"loss\": 1.5},"
                + " \"stderrTail\": \"bad\"}"));
        assertThat(failed.word()).isEqualTo("failed");
        assertThat(failed.text()).isEqualTo("exit 3  {\"loss\":1.5}");
        assertThat(failed.exitCode().asInt()).isEqualTo(3);
        assertThat(failed.numbers().path("loss").asDouble()).isEqualTo(1.5);
        assertThat(failed.failed()).isTrue();
        var ok = kind.taskOutcome(JSON.readTree("{\"exitCode\": 0}"));
        assertThat(ok.word()).isEqualTo("exited 0");
        assertThat(ok.failed()).isFalse();
        assertThat(ok.numbers().isEmpty()).isTrue();
        assertThat(kind.taskOutcome(JSON.readTree("{\"timedOut\": true, \"exitCode\": null}")).word())
                .isEqualTo("timed out");
        assertThat(kind.tasksRanText()).isEqualTo("commands ran");
    }

    @Test
    void aTaskIsItsGridCellAndAJobThatNamesItselfIsNotReused() throws Exception {
        CommandKind kind = new CommandKind();
        var grid = new CommandGrid(java.util.List.of(CommandGrid.range("seed", 1, 3), CommandGrid.values("lr",
                java.util.List.of("0.1", "0.01"))));
        var params = JSON.createObjectNode();
        params.putArray("command").add("run").add("{seed}");
        params.set("axes", grid.toJson());
        params.put("timeoutSeconds", 60);
        assertThat(kind.taskParams(params, 0, 6)).isEqualTo(grid.valuesOf(0));
        assertThat(kind.taskParams(JSON.readTree("{\"axes\": 5}"), 0, 1)).isEmpty();
        var other = params.deepCopy();
        other.set("axes", new CommandGrid(java.util.List.of(CommandGrid.range("seed", 1, 9))).toJson());
        assertThat(kind.reuseContext(params)).isEqualTo(kind.reuseContext(other));
        other.put("timeoutSeconds", 61);
        assertThat(kind.reuseContext(params)).isNotEqualTo(kind.reuseContext(other));
        params.putArray("command").add("run").add("{job}");
        assertThat(kind.reuseContext(params)).isNull();
        assertThat(kind.reuseMismatch(params, null)).contains("{task} or {job}");
    }

    @Test
    void commandsRunOnlyWhereTheOperatorAllowedThem() {
        assertThat(new CommandKind().isEnabled()).isFalse();
        assertThat(new CommandKind(CommandOptions.here()).isEnabled()).isTrue();
    }
}
