package dev.scatter.task;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What the operator of a runner allowed and set up, for kinds that need it.
 *
 * @param allowCommands whether tasks may run external commands (off unless the runner is started with
 *                      --allow-commands: a queue's users should not get a shell on every runner by default)
 * @param workDir       the directory external commands run in
 * @param taskTimeout   the longest an external command may run before it is killed
 */
public record RunnerSettings(boolean allowCommands, Path workDir, Duration taskTimeout) {

    public static RunnerSettings defaults() {
        return new RunnerSettings(false, Path.of(System.getProperty("user.dir")), Duration.ofHours(1));
    }
}
