package dev.scatter.submit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scatter.cli.ExitCodes;
import dev.scatter.runner.RunnerMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The exit codes the code returns, the table in the README, and what every --help prints: one and the same. */
class ExitCodeTableTest {

    @Test
    void theReadmeTableIsTheCodes() throws Exception {
        Map<String, String> submit = new LinkedHashMap<>();
        Map<String, String> runner = new LinkedHashMap<>();
        for (String line : Files.readAllLines(readme())) {
            if (line.matches("\\| \\d+ \\|.*")) {
                String[] cells = line.split("\\|", -1);
                String code = cells[1].strip();
                if (!cells[2].isBlank()) {
                    submit.put(code, cells[2].strip());
                }
                if (!cells[3].isBlank()) {
                    runner.put(code, cells[3].strip());
                }
            }
        }
        assertThat(submit).containsExactlyEntriesOf(ExitCodes.SUBMIT_HELP);
        assertThat(runner).containsExactlyEntriesOf(ExitCodes.RUNNER_HELP);

        TreeSet<String> constants = new TreeSet<>();
        for (Field field : ExitCodes.class.getFields()) {
            if (field.getType() == int.class && Modifier.isStatic(field.getModifiers())) {
                constants.add(Integer.toString(field.getInt(null)));
            }
        }
        TreeSet<String> documented = new TreeSet<>(submit.keySet());
        documented.addAll(runner.keySet());
        assertThat(documented).as("every code the commands return is documented").isEqualTo(constants);
    }

    @Test
    void everyHelpPrintsTheTable() {
        String[] commands = {"pi", "sweep", "cmd", "job", "status", "wait", "result", "cancel", "jobs", "runners", "dead",
            "retry", "backlog"};
        assertHelpLists(Cli.withoutRedis().run("--help").out(), ExitCodes.SUBMIT_HELP);
        for (String command : commands) {
            Cli.Run help = Cli.withoutRedis().run(command, "--help");
            assertThat(help.exitCode()).isZero();
            assertHelpLists(help.out(), ExitCodes.SUBMIT_HELP);
        }
        StringWriter out = new StringWriter();
        int code = RunnerMain.commandLine(Map.of(), new CountDownLatch(1), new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true)).execute("--help");
        assertThat(code).isZero();
        assertHelpLists(out.toString(), ExitCodes.RUNNER_HELP);
    }

    @Test
    void everyHelpFormatsWithoutAWarning() {
        // picocli formats descriptions with String.format: a bare % makes it warn on stderr and print the raw text.
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream before = System.err;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            for (String command : new String[] {"pi", "sweep", "cmd", "job", "status", "jobs", "backlog"}) {
                Cli.withoutRedis().run(command, "--help");
            }
            RunnerMain.commandLine(Map.of(), new CountDownLatch(1), new PrintWriter(new StringWriter(), true),
                    new PrintWriter(new StringWriter(), true)).execute("--help");
        } finally {
            System.setErr(before);
        }
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("WARN");
    }

    private static void assertHelpLists(String help, Map<String, String> codes) {
        String flat = help.replaceAll("\\s+", " ");
        assertThat(flat).contains("Exit codes:");
        for (Map.Entry<String, String> e : codes.entrySet()) {
            assertThat(flat).contains(e.getKey() + " " + e.getValue().replaceAll("\\s+", " "));
        }
    }

    private static Path readme() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("README.md")) || !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        return dir.resolve("README.md");
    }
}
