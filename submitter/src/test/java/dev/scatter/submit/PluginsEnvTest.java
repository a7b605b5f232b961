package dev.scatter.submit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SCATTER_PLUGINS names the plug-ins submit knows; one it cannot use is one line and exit 2, --help aside. */
class PluginsEnvTest {

    private static final Map<String, String> BAD = Map.of(SubmitCli.PLUGINS_ENV, "/no/such/plugins");

    @Test
    void aDirectoryThatIsNotThereRefusesEveryCommandInOneLine() {
        StringWriter err = new StringWriter();
        int code = SubmitCli.create(new PrintWriter(new StringWriter()), new PrintWriter(err, true), BAD)
                .execute("pi", "--tasks", "1", "--samples", "1000");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("submit: SCATTER_PLUGINS=/no/such/plugins: --plugins /no/such/plugins is not a directory");
    }

    @Test
    void helpStillWorks() {
        StringWriter out = new StringWriter();
        int code = SubmitCli.create(new PrintWriter(out, true), new PrintWriter(new StringWriter()), BAD)
                .execute("pi", "--help");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("--samples");
    }
}
