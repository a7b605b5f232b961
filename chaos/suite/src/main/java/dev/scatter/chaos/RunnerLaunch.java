package dev.scatter.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to start one runner process: its options, its environment (a fake clock, say) and what wraps the command
 * (entering a network namespace). Immutable; each {@code with...} returns a changed copy.
 */
public record RunnerLaunch(String redisUri, String queue, int threads, Duration lease, Duration drain,
                           List<String> extraArgs, Map<String, String> env, List<String> prefix) {

    public RunnerLaunch {
        extraArgs = List.copyOf(extraArgs);
        env = Map.copyOf(env);
        prefix = List.copyOf(prefix);
    }

    public static RunnerLaunch of(String redisUri, String queue, Duration lease) {
        return new RunnerLaunch(redisUri, queue, 1, lease, Duration.ofSeconds(5), List.of(), Map.of(), List.of());
    }

    public RunnerLaunch withThreads(int n) {
        return new RunnerLaunch(redisUri, queue, n, lease, drain, extraArgs, env, prefix);
    }

    public RunnerLaunch withDrain(Duration d) {
        return new RunnerLaunch(redisUri, queue, threads, lease, d, extraArgs, env, prefix);
    }

    public RunnerLaunch withQueue(String name) {
        return new RunnerLaunch(redisUri, name, threads, lease, drain, extraArgs, env, prefix);
    }

    public RunnerLaunch withRedis(String uri) {
        return new RunnerLaunch(uri, queue, threads, lease, drain, extraArgs, env, prefix);
    }

    public RunnerLaunch withArgs(String... args) {
        List<String> more = new ArrayList<>(extraArgs);
        more.addAll(List.of(args));
        return new RunnerLaunch(redisUri, queue, threads, lease, drain, more, env, prefix);
    }

    public RunnerLaunch withPlugins(Path dir) {
        return withArgs("--plugins", dir.toString());
    }

    public RunnerLaunch withEnv(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(env);
        all.putAll(more);
        return new RunnerLaunch(redisUri, queue, threads, lease, drain, extraArgs, all, prefix);
    }

    /** Runs the runner under a wrapper that execs it (so the process started is the runner's JVM itself). */
    public RunnerLaunch withPrefix(List<String> wrapper) {
        return new RunnerLaunch(redisUri, queue, threads, lease, drain, extraArgs, env, wrapper);
    }

    List<String> command(Path runnerJar, String name) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-jar", runnerJar.toString(),
                "--redis", redisUri, "--queue", queue, "--threads", Integer.toString(threads),
                "--lease", lease.toMillis() + "ms", "--drain", drain.toMillis() + "ms", "--name", name));
        command.addAll(extraArgs);
        return command;
    }
}
