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
    void commandsRunOnlyWhereTheOperatorAllowedThem() {
        assertThat(new CommandKind().isEnabled()).isFalse();
        assertThat(new CommandKind(CommandOptions.here()).isEnabled()).isTrue();
    }
}
