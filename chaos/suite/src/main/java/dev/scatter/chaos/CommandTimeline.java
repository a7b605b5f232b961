package dev.scatter.chaos;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each run of a command task started and ended, from the commands themselves: each appends
 * {@code start TASK PID RUNNER_PID NANOS} when it starts and {@code end TASK PID NANOS} when it ends normally, to
 * one file in a directory every runner shares. A command killed by its runner writes no end; a watcher that
 * polls every run's process every 50 ms notes when it was gone. Times are the wall clock of this one host.
 */
public final class CommandTimeline implements AutoCloseable {

    /** One run of a task's command; {@code end} is null while it runs. */
    public record Run(int task, long pid, long runnerPid, long start, Long end) {
        long endOr(long now) {
            return end == null ? now : end;
        }

        boolean runningAt(long t) {
            return start <= t && (end == null || end > t);
        }
    }

    /**
     * The shell script of each task: {@code $1} the task, {@code $2} the timeline file, {@code $3} tenths of a
     * second to run. Its last line is the task's metric, {@code {"v": TASK}} (braces doubled for the cmd kind's
     * template).
     */
    public static final String SCRIPT = "echo \"start $1 $$ $PPID $(date +%s%N)\" >> \"$2\"; i=0;"
            + " while [ \"$i\" -lt \"$3\" ]; do sleep 0.1; i=$((i+1)); done;"
            + " echo \"end $1 $$ $(date +%s%N)\" >> \"$2\"; echo \"{{\\\"v\\\": $1}}\"";

    private final Path file;
    private final Map<Long, Run> runs = new ConcurrentHashMap<>();
    private final Thread watcher;
    private volatile boolean closed;
    private long offset;

    public CommandTimeline(Path file) throws IOException {
        this.file = file;
        Files.writeString(file, "");
        this.watcher = new Thread(this::watch, "chaos-command-timeline");
        watcher.setDaemon(true);
        watcher.start();
    }

    public Path file() {
        return file;
    }

    /** The cmd job's parameters: task i runs the script for {@code tenths} tenths of a second. */
    public String jobParams(int tasks, int tenths) {
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        params.putArray("command").add("sh").add("-c").add(SCRIPT).add("sh").add("{i}").add(file.toString())
                .add(Integer.toString(tenths));
        params.putArray("axes").addObject().put("name", "i").put("from", 0).put("to", tasks - 1);
        return params.toString();
    }

    public static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    public List<Run> runs() {
        return new ArrayList<>(runs.values());
    }

    /** The longest time two runs of one task ran at once, in nanoseconds, by task. */
    public Map<Integer, Long> overlaps() {
        long now = nowNanos();
        Map<Integer, Long> worst = new ConcurrentHashMap<>();
        List<Run> all = runs();
        for (int a = 0; a < all.size(); a++) {
            for (int b = a + 1; b < all.size(); b++) {
                Run x = all.get(a);
                Run y = all.get(b);
                if (x.task() != y.task()) {
                    continue;
                }
                long overlap = Math.min(x.endOr(now), y.endOr(now)) - Math.max(x.start(), y.start());
                if (overlap > 0) {
                    worst.merge(x.task(), overlap, Math::max);
                }
            }
        }
        return worst;
    }

    private void watch() {
        while (!closed) {
            try {
                readNewLines();
                long now = nowNanos();
                for (Run run : runs.values()) {
                    if (run.end() == null && !ProcessHandle.of(run.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                        runs.put(run.pid(), new Run(run.task(), run.pid(), run.runnerPid(), run.start(), now));
                    }
                }
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // a half-written line: read again at the next poll
            }
        }
    }

    private synchronized void readNewLines() throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            if (in.length() <= offset) {
                return;
            }
            in.seek(offset);
            byte[] bytes = new byte[(int) (in.length() - offset)];
            in.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            int complete = text.lastIndexOf('\n') + 1;
            offset += text.substring(0, complete).getBytes(StandardCharsets.UTF_8).length;
            for (String line : text.substring(0, complete).split("\n")) {
                String[] f = line.trim().split(" ");
                if (f[0].equals("start") && f.length == 5) {
                    long pid = Long.parseLong(f[2]);
                    runs.putIfAbsent(pid, new Run(Integer.parseInt(f[1]), pid, Long.parseLong(f[3]),
                            Long.parseLong(f[4]), null));
                } else if (f[0].equals("end") && f.length == 4) {
                    long pid = Long.parseLong(f[2]);
                    long end = Long.parseLong(f[3]);
                    runs.computeIfPresent(pid, (k, r) -> new Run(r.task(), r.pid(), r.runnerPid(), r.start(),
                            r.end() == null ? end : Math.min(end, r.end())));
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        watcher.interrupt();
    }
}
