package dev.scatter.chaos;

import dev.scatter.broker.Broker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One case run's world: its Redis, a client on it, a queue of its own, a fleet of runner processes and a
 * directory for their logs (and the commands' shared files). Closing it stops every process it started.
 */
public final class Lab implements AutoCloseable {

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Path dir;
    private final ChaosRedis redis;
    private final Broker broker;
    private final Fleet fleet;
    private final String queue;
    private final Path plugins;
    private boolean keep;

    private Lab(String name, ChaosRedis redis) {
        try {
            this.dir = Files.createTempDirectory("scatter-chaos-" + name + "-");
            this.plugins = Files.createDirectories(dir.resolve("plugins"));
            Files.copy(Artifacts.poisonJar(), plugins.resolve("chaos-poison.jar"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.redis = redis;
        this.broker = Broker.connect(redis.uri());
        this.fleet = new Fleet(dir);
        this.queue = "chaos-" + name + "-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet();
    }

    /** A lab around a Redis the caller started (and the lab closes). */
    public static Lab around(String name, ChaosRedis redis) {
        try {
            return new Lab(name, redis);
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    public static Lab start(String name) {
        return around(name, ChaosRedis.launch());
    }

    public Path dir() {
        return dir;
    }

    public ChaosRedis redis() {
        return redis;
    }

    public Broker broker() {
        return broker;
    }

    public Fleet fleet() {
        return fleet;
    }

    public String queue() {
        return queue;
    }

    /** Runner options for this lab's Redis and queue, with the suite's plug-in (paced-pi, poison) loaded. */
    public RunnerLaunch launch(Duration lease) {
        return RunnerLaunch.of(redis.uri(), queue, lease).withPlugins(plugins);
    }

    /**
     * The case's result, with the runners' last log lines; a run that broke the invariant keeps its directory
     * (named in the result) for a closer look.
     */
    public CaseResult result(Findings findings) {
        keep |= !findings.violations().isEmpty();
        return findings.result(fleet.logTails(15));
    }

    /** Deletes the run's directory unless the run failed or {@code scatter.chaos.keepLogs} is set. */
    @Override
    public void close() {
        fleet.close();
        broker.close();
        redis.close();
        if (!keep && !Boolean.getBoolean("scatter.chaos.keepLogs")) {
            try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException leftBehind) {
                // a temporary directory left behind is harmless
            }
        }
    }
}
