package dev.scatter.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * How busy the machine was with work other than the benchmark's own: the CPU time of all processes (Linux
 * /proc/stat) minus that of this JVM, the runner processes and Redis when it runs on this machine. On a machine
 * shared with builds and tests, a run that had to share its cores shows it here, rather than only as a bad figure.
 * Also the time the hypervisor took from this VM (steal). Where /proc/stat cannot be read, nothing is known (-1).
 */
final class MachineLoad {

    /**
     * Other processes using this much CPU (in cores) or more during a measured run disturb it: with every core
     * busy with the benchmark, 0.05 cores taken by others costs 2.5% on 2 cores, half the margin of a 0.95 target.
     * An idle machine's background (kernel threads, idle servers) stays around 0.01-0.02.
     */
    static final double QUIET_CORES = 0.05;
    /**
     * How long a benchmark waits for the machine to become quiet before a run, before it measures anyway: two
     * minutes, or the whole seconds in SCATTER_BENCH_QUIET_WAIT (0 on a machine that will not be quiet, where A/B runs
     * alternated in one sitting are what can be compared).
     */
    static final Duration QUIET_TIMEOUT = quietTimeout(System.getenv("SCATTER_BENCH_QUIET_WAIT"));

    /** Clock ticks per second of /proc/stat (USER_HZ): 100 on every Linux in practice. */
    private static final double TICKS_PER_SEC = 100;
    private static final Path PROC_STAT = Path.of("/proc/stat");
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1");

    private final RunnerFleet fleet;
    private final BenchRedis redis;
    private final boolean redisHere;

    MachineLoad(RunnerFleet fleet, BenchRedis redis) {
        this.fleet = fleet;
        this.redis = redis;
        this.redisHere = LOOPBACK.contains(redis.uri().host());
    }

    /** All counters at one moment. */
    record Snapshot(long nanos, long busyTicks, long stealTicks, long ownCpuNanos) {
    }

    /**
     * Cores' worth of CPU over a stretch of time: {@code other} used by processes that are not the benchmark's,
     * {@code steal} taken by the hypervisor; -1 when unknown.
     */
    record Usage(double other, double steal) {

        static final Usage UNKNOWN = new Usage(-1, -1);

        boolean known() {
            return other >= 0;
        }

        /** Whether other processes used enough of the machine to disturb a measurement; false when unknown. */
        boolean disturbed() {
            return other >= QUIET_CORES;
        }
    }

    Snapshot snapshot() {
        long[] ticks = procStat();
        long own = ownCpuNanos();
        return new Snapshot(System.nanoTime(), ticks == null ? -1 : ticks[0], ticks == null ? -1 : ticks[1], own);
    }

    Usage between(Snapshot a, Snapshot b) {
        if (a.busyTicks < 0 || b.busyTicks < 0 || a.ownCpuNanos < 0 || b.ownCpuNanos < 0) {
            return Usage.UNKNOWN;
        }
        double seconds = (b.nanos - a.nanos) / 1e9;
        double busy = (b.busyTicks - a.busyTicks) / TICKS_PER_SEC;
        double own = (b.ownCpuNanos - a.ownCpuNanos) / 1e9;
        // Tick accounting is coarse (10 ms): a small negative difference is noise.
        return new Usage(Math.max(0, busy - own) / seconds, (b.stealTicks - a.stealTicks) / TICKS_PER_SEC / seconds);
    }

    static Duration quietTimeout(String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return Duration.ofMinutes(2);
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(seconds.trim())));
        } catch (NumberFormatException e) {
            return Duration.ofMinutes(2); // not whole seconds: the default, as the documentation says
        }
    }

    /**
     * Waits, up to {@link #QUIET_TIMEOUT}, until other processes have used less than {@link #QUIET_CORES} for a
     * whole second: a measurement started while a build runs would measure the build.
     */
    void awaitQuiet(PrintStream progress) {
        double maxCores = QUIET_CORES;
        long deadline = System.nanoTime() + QUIET_TIMEOUT.toNanos();
        boolean said = false;
        while (true) {
            Snapshot a = snapshot();
            sleep(1000);
            Usage usage = between(a, snapshot());
            if (!usage.known() || usage.other() < maxCores) {
                if (said) {
                    progress.println("  the machine is quiet again");
                }
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                progress.printf("  warning: other processes still use %.2f cores; measuring anyway%n", usage.other());
                return;
            }
            if (!said) {
                progress.printf("  waiting for the machine to quiet down: other processes use %.2f cores ...%n",
                        usage.other());
                said = true;
            }
        }
    }

    /** Busy and steal ticks of all CPUs: user + nice + system + irq + softirq (+ steal, apart). */
    private static long[] procStat() {
        try {
            for (String line : Files.readAllLines(PROC_STAT)) {
                if (line.startsWith("cpu ")) {
                    String[] f = line.trim().split("\\s+");
                    // cpu user nice system idle iowait irq softirq steal guest guest_nice
                    long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3])
                            + Long.parseLong(f[6]) + Long.parseLong(f[7]);
                    return new long[] {busy, f.length > 8 ? Long.parseLong(f[8]) : 0};
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private long ownCpuNanos() {
        long jvm = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        long runners = fleet.cpuNanos();
        if (jvm < 0 || runners < 0) {
            return -1;
        }
        long redisCpu = 0;
        if (redisHere) {
            try {
                redisCpu = (long) (redis.stats().cpuSeconds() * 1e9);
            } catch (BenchFailure e) {
                return -1;
            }
        }
        return jvm + runners + redisCpu;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted", e);
        }
    }
}
