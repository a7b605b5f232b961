package dev.scatter.kinds.cmd;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * What the operator of a runner allows the cmd kind: the runner options this kind adds to the runner's command
 * line, and what the local mode of {@code submit cmd} sets for the commands it runs itself.
 */
public final class CommandOptions {

    @Option(names = "--allow-commands",
            description = "Let tasks run external commands (the cmd kind). Off by default: such tasks are then"
                    + " left to runners that have it.")
    private boolean allowCommands;

    @Option(names = "--workdir", paramLabel = "DIR",
            description = "Directory external commands run in. Default: the current directory.")
    private Path workDir;

    /** Commands off (a queue's users should not get a shell on every runner by default). */
    public CommandOptions() {
    }

    private CommandOptions(boolean allowCommands, Path workDir) {
        this.allowCommands = allowCommands;
        this.workDir = workDir;
    }

    /** Commands on, in the current directory: what {@code submit cmd} runs on this machine. */
    public static CommandOptions here() {
        return new CommandOptions(true, null);
    }

    public boolean allowCommands() {
        return allowCommands;
    }

    /** The directory commands run in, absolute. */
    public Path workDir() {
        return (workDir != null ? workDir : Path.of(System.getProperty("user.dir"))).toAbsolutePath();
    }

    /** Refuses a --workdir that is not a directory, before the runner starts. */
    void check() {
        if (workDir != null && !Files.isDirectory(workDir)) {
            throw new IllegalArgumentException("--workdir '" + workDir + "' is not a directory");
        }
    }
}
