package dev.scatter.bench;

import dev.scatter.broker.Broker;
import dev.scatter.broker.BrokerOptions;
import java.io.PrintStream;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The frame the runner benchmarks measure in: their Redis (given, or a private one), a broker on it, a fresh
 * queue, and that queue's keys deleted afterwards, whatever happens.
 */
final class BenchSession {

    /** What a benchmark measures inside the frame. */
    interface Body<R> {
        R measure(BenchRedis redis, Broker broker, String queue);
    }

    private BenchSession() {
    }

    static <R> R run(String redisUri, PrintStream progress, Body<R> body) {
        String queue = "bench-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        try (BenchRedis redis = BenchRedis.open(redisUri, progress);
             Broker broker = Broker.connect(redis.uri(), BrokerOptions.DEFAULTS)) {
            try {
                return body.measure(redis, broker, queue);
            } finally {
                Cleanup.queue(redis, queue, progress);
            }
        }
    }
}
