package dev.scatter.kinds.cmd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Commands run as leaders of a process group of their own (through util-linux's {@code setsid}, where it exists),
 * so that stopping one stops everything it started, even children that left its process tree. Where there is no
 * {@code setsid}, the command's descendants are signalled one by one.
 */
final class ProcessGroup {

    private static final Path SETSID = find("setsid");
    private static final Path KILL = find("kill");

    private ProcessGroup() {
    }

    /** The command line that starts {@code command} as the leader of a new process group (same pid). */
    static List<String> leading(List<String> command) {
        if (SETSID == null || KILL == null) {
            return command;
        }
        List<String> line = new ArrayList<>(command.size() + 1);
        line.add(SETSID.toString());
        line.addAll(command);
        return line;
    }

    /**
     * Whether {@code program} names an executable, as execvp would find it: a path (relative to {@code workDir})
     * when it has a slash, else a file on the PATH. Checked first so that a missing program is reported as such,
     * not as whatever setsid says.
     */
    static boolean canStart(String program, Path workDir, java.util.Map<String, String> env) {
        if (program.isEmpty()) {
            return false;
        }
        if (program.contains("/")) {
            return Files.isExecutable(workDir.resolve(program)) && !Files.isDirectory(workDir.resolve(program));
        }
        String path = env.getOrDefault("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        for (String dir : path.split(":")) {
            Path candidate = (dir.isEmpty() ? workDir : workDir.resolve(dir)).resolve(program);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return true;
            }
        }
        return false;
    }

    /** SIGTERM to the group: a chance to stop cleanly. */
    static void terminate(Process process) {
        if (!signalGroup(process, "TERM")) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
    }

    /** SIGKILL to the group, then to any descendant left: nothing of the command goes on. */
    static void kill(Process process) throws InterruptedException {
        signalGroup(process, "KILL");
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    private static boolean signalGroup(Process process, String signal) {
        if (SETSID == null || KILL == null) {
            return false;
        }
        try {
            Process kill = new ProcessBuilder(KILL.toString(), "-s", signal, "--", "-" + process.pid())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path find(String program) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path path = Path.of(dir, program);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        return null;
    }
}
