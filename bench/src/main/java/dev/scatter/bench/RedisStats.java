package dev.scatter.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * What Redis says about its own work: per-command calls and time (INFO commandstats) and CPU seconds (INFO cpu).
 * The difference of two snapshots tells where a phase's time went on the server side, without CONFIG RESETSTAT,
 * which would disturb anyone else watching a shared Redis.
 *
 * <p>A script's own call ({@code evalsha}) includes the time of the commands it runs; those are also counted
 * under their own names ({@code lpop}, {@code zadd}, ...), so the entries do not add up to a total.
 */
record RedisStats(Map<String, Command> commands, double cpuSeconds) {

    /** Calls and microseconds spent in one command. */
    record Command(long calls, long usec) {

        double usecPerCall() {
            return calls == 0 ? 0 : (double) usec / calls;
        }
    }

    static RedisStats parse(String commandstats, String cpu) {
        Map<String, Command> commands = new HashMap<>();
        for (String line : commandstats.split("\r?\n")) {
            // cmdstat_evalsha:calls=12,usec=345,usec_per_call=28.75,rejected_calls=0,failed_calls=0
            if (!line.startsWith("cmdstat_")) {
                continue;
            }
            int colon = line.indexOf(':');
            long calls = 0;
            long usec = 0;
            for (String field : line.substring(colon + 1).split(",")) {
                if (field.startsWith("calls=")) {
                    calls = Long.parseLong(field.substring("calls=".length()));
                } else if (field.startsWith("usec=")) {
                    usec = Long.parseLong(field.substring("usec=".length()));
                }
            }
            commands.put(line.substring("cmdstat_".length(), colon), new Command(calls, usec));
        }
        double cpuSeconds = 0;
        for (String line : cpu.split("\r?\n")) {
            // The whole process (main thread and background threads), user and system time.
            if (line.startsWith("used_cpu_user:") || line.startsWith("used_cpu_sys:")) {
                cpuSeconds += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return new RedisStats(commands, cpuSeconds);
    }

    RedisStats minus(RedisStats before) {
        Map<String, Command> delta = new HashMap<>();
        commands.forEach((name, now) -> {
            Command then = before.commands.getOrDefault(name, new Command(0, 0));
            if (now.calls > then.calls) {
                delta.put(name, new Command(now.calls - then.calls, now.usec - then.usec));
            }
        });
        return new RedisStats(delta, cpuSeconds - before.cpuSeconds);
    }

    /** The figures of two servers together (the nodes of a cluster). */
    RedisStats plus(RedisStats other) {
        Map<String, Command> sum = new HashMap<>(commands);
        other.commands.forEach((name, c) -> sum.merge(name, c, (a, b) -> new Command(a.calls + b.calls, a.usec + b.usec)));
        return new RedisStats(sum, cpuSeconds + other.cpuSeconds);
    }

    Command command(String name) {
        return commands.getOrDefault(name, new Command(0, 0));
    }
}
