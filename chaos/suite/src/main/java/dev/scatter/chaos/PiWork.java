package dev.scatter.chaos;

import dev.scatter.broker.Broker;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobSpec;
import dev.scatter.kinds.pi.PiSampler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * A pi job of fixed seed, and what a fault-free run of it counts: each task's {@code inside}, computed here with
 * the pi kind's own sampler and no queue at all. The counts cost as much CPU as the job itself, so they are
 * computed once per job shape and kept in a file under the temporary directory.
 *
 * <p>The job is of the built-in {@code pi} kind, whose tasks keep a core busy, or of the suite's {@code paced-pi}
 * kind, whose tasks first wait {@code pauseMillis} without using a core (for tasks that must outlast a fault)
 * and then count exactly what pi's would.
 */
public record PiWork(String kind, long samples, int tasks, long seed, long pauseMillis, double pauseSpread) {

    /** The seed of every job the suite submits. */
    public static final long SEED = 20261129L;

    private static final Map<PiWork, long[]> COUNTS = new ConcurrentHashMap<>();

    /** A job of {@code tasks} tasks of about {@code taskMillis} each on one core (about 440 million samples/s). */
    public static PiWork ofTaskMillis(int tasks, long taskMillis, long seed) {
        return new PiWork("pi", tasks * taskMillis * 440_000L, tasks, seed, 0, 0);
    }

    /** A paced-pi job: tasks of about {@code pauseMillis} each that hardly use a core. */
    public static PiWork paced(int tasks, long pauseMillis, long seed) {
        return new PiWork("paced-pi", tasks * 2_000_000L, tasks, seed, pauseMillis, 0);
    }

    /** The same tasks, waiting from (1 - spread) to (1 + spread) times {@code pauseMillis}, by index. */
    public PiWork withSpread(double spread) {
        return new PiWork(kind, samples, tasks, seed, pauseMillis, spread);
    }

    public String paramsJson() {
        return "{\"samples\":" + samples + ",\"seed\":" + seed
                + (pauseMillis > 0 ? ",\"pauseMillis\":" + pauseMillis : "")
                + (pauseSpread > 0 ? ",\"pauseSpread\":" + pauseSpread : "") + "}";
    }

    public JobId submit(Broker broker, String queue, int maxAttempts) {
        return broker.submit(JobSpec.of(kind, paramsJson(), tasks).withQueue(queue).withMaxAttempts(maxAttempts));
    }

    /** What a fault-free run counts, task by task. */
    public long[] insideByTask() {
        return COUNTS.computeIfAbsent(new PiWork("", samples, tasks, seed, 0, 0), PiWork::loadOrCount).clone();
    }

    public long expectedInside() {
        long sum = 0;
        for (long n : insideByTask()) {
            sum += n;
        }
        return sum;
    }

    private long[] loadOrCount() {
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "scatter-chaos-pi",
                samples + "-" + tasks + "-" + seed + ".txt");
        try {
            if (Files.isRegularFile(cache)) {
                long[] counts = Files.readAllLines(cache, StandardCharsets.UTF_8).stream()
                        .mapToLong(Long::parseLong).toArray();
                if (counts.length == tasks) {
                    return counts;
                }
            }
        } catch (IOException | NumberFormatException unreadable) {
            // counted again below
        }
        long[] counts = IntStream.range(0, tasks).parallel()
                .mapToLong(i -> PiSampler.countInside(PiSampler.taskSeed(seed, i), PiSampler.samplesOf(samples, tasks, i),
                        null))
                .toArray();
        try {
            Files.createDirectories(cache.getParent());
            Path tmp = Files.createTempFile(cache.getParent(), "counts-", ".tmp");
            StringBuilder text = new StringBuilder();
            for (long n : counts) {
                text.append(n).append('\n');
            }
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, cache, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException notKept) {
            // counted again next time
        }
        return counts;
    }
}
