package dev.scatter.submit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scatter.broker.Broker;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobSpec;
import dev.scatter.broker.testing.DedicatedRedis;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import dev.scatter.runner.Runner;
import dev.scatter.runner.RunnerConfig;
import dev.scatter.task.TaskKinds;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A waiting submit and its runners ride out a Redis restart (append-only file on) and lose nothing. */
@ExtendWith(RealRedis.class)
class WaitThroughOutageTest {

    @Test
    void aWaitingSubmitSurvivesARedisRestart(@DedicatedRedis RedisFixture redis) throws Exception {
        Cli cli = Cli.withRedis(redis.uri());
        long samples = 1_500_000_000L;
        int tasks = 60;
        Cli.Run submitted = cli.run("pi", "--samples", Long.toString(samples), "--tasks", Integer.toString(tasks),
                "--seed", "11", "--queue", redis.queue(), "--no-wait");
        JobId id = JobId.parse(submitted.out().trim());
        try (Broker broker = Broker.connect(redis.uri())) {
            Runner runner = new Runner(broker, TaskKinds.load(getClass().getClassLoader()),
                    RunnerConfig.defaults("outage", List.of(redis.queue()), 2).withLease(Duration.ofSeconds(3))).start();
            try {
                CompletableFuture<Cli.Run> waiting = CompletableFuture.supplyAsync(() -> cli.run("wait", id.toString(), "--json"));
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                        .until(() -> broker.status(id).orElseThrow().succeeded() >= 5);
                redis.server().kill();
                Thread.sleep(1_500); // the outage itself: nothing to wait for but time
                redis.server().start();

                Cli.Run waited = waiting.get(3, TimeUnit.MINUTES);
                assertThat(waited.exitCode()).as(waited.toString()).isZero();
                assertThat(waited.err()).contains("still waiting").contains("is back");
                long inside = new ObjectMapper().readTree(waited.out()).path("result").path("inside").asLong();
                long expected = 0;
                for (int i = 0; i < tasks; i++) {
                    expected += dev.scatter.kinds.pi.PiSampler.countInside(dev.scatter.kinds.pi.PiSampler.taskSeed(11, i),
                            dev.scatter.kinds.pi.PiSampler.samplesOf(samples, tasks, i), null);
                }
                assertThat(inside).isEqualTo(expected);
            } finally {
                runner.shutdown();
            }
        }
    }
}
