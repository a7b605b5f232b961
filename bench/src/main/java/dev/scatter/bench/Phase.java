package dev.scatter.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * One measured stretch of a benchmark: its wall time, and the CPU the client (this JVM) and Redis spent in it.
 * On a small machine client and server share the cores, so both CPU figures are needed to say which side is the
 * bottleneck.
 */
record Phase(long wallNanos, long clientCpuNanos, RedisStats redis, java.util.Map<String, RedisStats> nodes) {

    double seconds() {
        return wallNanos / 1e9;
    }

    /** Cores' worth of CPU this JVM used on average; -1 when the JVM cannot tell. */
    double clientCpuCores() {
        return clientCpuNanos < 0 ? -1 : (double) clientCpuNanos / wallNanos;
    }

    /** Cores' worth of CPU the Redis process used on average (1.0 = its main thread saturated). */
    double redisCpuCores() {
        return redis.cpuSeconds() / seconds();
    }

    double perSecond(long count) {
        return count / seconds();
    }

    /** Cores' worth of CPU one node used on average (a cluster's master, by host:port). */
    double redisCpuCores(String node) {
        return nodes.get(node).cpuSeconds() / seconds();
    }

    /** Starts measuring: call {@link Start#stop()} at the end of the phase. */
    static Start start(BenchRedis redis) {
        return new Start(redis, redis.nodeStats(), processCpuNanos(), System.nanoTime());
    }

    /** The figures of every node (one for a single server, each master of a cluster) at the start. */
    record Start(BenchRedis source, java.util.Map<String, RedisStats> before, long cpuBefore, long nanosBefore) {

        Phase stop() {
            long wall = System.nanoTime() - nanosBefore;
            long cpu = processCpuNanos();
            java.util.Map<String, RedisStats> after = source.nodeStats();
            java.util.Map<String, RedisStats> nodes = new java.util.TreeMap<>();
            RedisStats total = new RedisStats(java.util.Map.of(), 0);
            for (java.util.Map.Entry<String, RedisStats> e : after.entrySet()) {
                RedisStats delta = e.getValue().minus(before.getOrDefault(e.getKey(), new RedisStats(java.util.Map.of(), 0)));
                nodes.put(e.getKey(), delta);
                total = total.plus(delta);
            }
            return new Phase(wall, cpu < 0 || cpuBefore < 0 ? -1 : cpu - cpuBefore, total, nodes);
        }
    }

    private static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }
}
