package dev.scatter.kinds.cmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scatter.task.StopSignal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command never outlives the task that runs it: stopped, interrupted, or both, it goes with all it started. */
class CommandRunTest {

    @Test
    void anUrgentStopWithAnInterruptKillsTheCommandAndWhatItStarted(@TempDir Path dir) throws Exception {
        // The shell starts a child of its own and waits for it: both must go.
        List<String> command = List.of("sh", "-c", "sleep 60 & echo $! > child; echo $$ > shell; wait");
        StopSignal stop = new StopSignal();
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread task = new Thread(() -> {
            try {
                CommandRun.run(command, dir, Map.of(), Duration.ofMinutes(5), stop);
            } catch (Throwable e) {
                ended.set(e);
            }
        });
        task.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("child"))
                && Files.exists(dir.resolve("shell")) && !Files.readString(dir.resolve("child")).isBlank());
        long shell = Long.parseLong(Files.readString(dir.resolve("shell")).trim());
        long child = Long.parseLong(Files.readString(dir.resolve("child")).trim());

        // What the runner does when it fences a task: an urgent stop, and an interrupt of the task's thread.
        stop.setUrgent("its lease could not be renewed in time");
        task.interrupt();

        task.join(10_000);
        assertThat(ended.get()).isInstanceOf(CancellationException.class);
        await().atMost(Duration.ofSeconds(3)).until(() -> !alive(shell) && !alive(child));
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
