package dev.scatter.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scatter.task.TaskKind;
import dev.scatter.task.TaskKinds;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A kind's own runner options (the cmd kind's) join the runner's command line and reach the kind the runner runs. */
class KindRunnerOptionsTest {

    @Test
    void allowCommandsEnablesTheCmdKindTheRunnerLoaded(@TempDir Path dir) {
        CommandLine commandLine = commandLine();
        commandLine.parseArgs("--allow-commands", "--workdir", dir.toString());
        TaskKinds kinds = ((RunnerCommand) commandLine.getCommand()).builtInKinds();

        assertThat(kinds.find("cmd").orElseThrow().isEnabled()).isTrue();
        assertThat(kinds.find("pi").orElseThrow().isEnabled()).isTrue();
    }

    @Test
    void withoutItTheCmdKindIsNotRun() {
        CommandLine commandLine = commandLine();
        commandLine.parseArgs();
        TaskKinds kinds = ((RunnerCommand) commandLine.getCommand()).builtInKinds();

        assertThat(kinds.find("cmd").orElseThrow().isEnabled()).isFalse();
    }

    @Test
    void pluginsLoadedAfterTheCommandLineKeepTheBuiltInKindsAsParsed(@TempDir Path dir) throws Exception {
        CommandLine commandLine = commandLine();
        commandLine.parseArgs("--allow-commands");
        TaskKinds builtIn = ((RunnerCommand) commandLine.getCommand()).builtInKinds();
        PluginJars.kind(dir, "extra.jar", "ExtraKind", "extra");

        TaskKinds all = TaskKinds.load(PluginLoader.withPlugins(dir, getClass().getClassLoader()), builtIn);

        TaskKind cmd = all.find("cmd").orElseThrow();
        assertThat(cmd).as("the object whose options were parsed, not a fresh one").isSameAs(
                builtIn.find("cmd").orElseThrow());
        assertThat(cmd.isEnabled()).isTrue();
        assertThat(all.names()).contains("extra", "pi", "sweep", "noop");
    }

    private static CommandLine commandLine() {
        PrintWriter quiet = new PrintWriter(new StringWriter());
        return RunnerMain.commandLine(Map.of(), new CountDownLatch(1), quiet, quiet);
    }
}
