package dev.scatter.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import ch.qos.logback.classic.Level;
import dev.scatter.broker.BrokerException;
import dev.scatter.broker.InvalidRedisUriException;
import dev.scatter.cli.Logging;
import dev.scatter.localredis.LocalRedisException;

/**
 * Entry point of {@code bin/bench}: picks the benchmark named by the first argument and maps failures to exit
 * codes (0 ok, 1 failed run or failed check, 2 bad command line), so scripts can tell them apart.
 */
public final class BenchMain {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    /** Each benchmark takes the arguments after its name and returns an exit code. */
    private static final Map<String, Function<String[], Integer>> BENCHMARKS = new TreeMap<>(Map.of(
            "protocol", ProtocolBench::main,
            "pi", PiBench::main,
            "e2e", E2eBench::main,
            "stalls", StallsBench::main));

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        // Logback (which the runner brings) would log to stdout at DEBUG until told otherwise: stdout is for the
        // table or the JSON alone.
        Logging.configure(Logging.Format.TEXT, Level.WARN);
        if (args.length == 0) {
            System.err.print(usage());
            return USAGE;
        }
        String name = args[0];
        if (name.equals("--help") || name.equals("-h") || name.equals("help")) {
            System.out.print(usage());
            return OK;
        }
        Function<String[], Integer> benchmark = BENCHMARKS.get(name);
        if (benchmark == null) {
            System.err.println("bench: unknown benchmark '" + name + "'; known benchmarks: "
                    + String.join(", ", BENCHMARKS.keySet()));
            return USAGE;
        }
        try {
            return benchmark.apply(Arrays.copyOfRange(args, 1, args.length));
        } catch (UsageException | InvalidRedisUriException e) {
            System.err.println("bench " + name + ": " + e.getMessage() + " (see bin/bench " + name + " --help)");
            return USAGE;
        } catch (BrokerException | LocalRedisException | BenchFailure e) {
            // Expected failures (Redis unreachable, wrong password, a failed check): the message says it all.
            System.err.println("bench " + name + ": " + e.getMessage());
            return FAILED;
        }
    }

    private static String usage() {
        return """
                Usage: bin/bench <benchmark> [options]

                Benchmarks:
                  protocol   submit and claim+complete rates of the Redis protocol (bin/bench protocol --help)
                  pi         scaling of CPU-bound work: the pi job on runner processes against its bare loop
                             (bin/bench pi --help)
                  e2e        no-op tasks through runner processes: tasks/s, and latency of one-task jobs
                             (bin/bench e2e --help)
                  stalls     the longest single Redis call of each operation that grows with a job, at a
                             million tasks (bin/bench stalls --help)
                """;
    }
}
