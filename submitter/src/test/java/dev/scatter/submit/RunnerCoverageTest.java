package dev.scatter.submit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scatter.broker.Broker;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobSpec;
import dev.scatter.broker.JobState;
import dev.scatter.broker.RunnerPresence;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import dev.scatter.runner.Runner;
import dev.scatter.runner.RunnerConfig;
import dev.scatter.task.TaskKinds;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A job nobody can run waits, and submit says why on stderr, rather than failing it or saying nothing. */
@ExtendWith(RealRedis.class)
class RunnerCoverageTest {

    private static final dev.scatter.task.TaskKinds KINDS =
            dev.scatter.task.TaskKinds.load(RunnerCoverageTest.class.getClassLoader());

    @Test
    void saysWhenNoRunnerServesTheQueueOrNoneRunsTheKind() {
        RunnerPresence old = new RunnerPresence("old", "h", 1, List.of("q"), List.of("pi@1", "noop@1"), 1, 0, "v",
                Instant.now(), Instant.now());
        RunnerPresence elsewhere = new RunnerPresence("e", "h", 2, List.of("other"), List.of("collatz@1"), 1, 0, "v",
                Instant.now(), Instant.now());
        assertThat(RunnerCoverage.problem(List.of(), "q", "pi", KINDS)).hasValueSatisfying(p ->
                assertThat(p).isEqualTo("no live runner serves queue 'q' (start one: bin/runner --queue q)"));
        assertThat(RunnerCoverage.problem(List.of(old, elsewhere), "q", "collatz", KINDS)).hasValueSatisfying(p ->
                assertThat(p).startsWith("1 live runner serves queue 'q', but none runs kind 'collatz' (they run"
                        + " noop, pi; a runner runs a plug-in's kind when started with --plugins DIR"));
        assertThat(RunnerCoverage.problem(List.of(old), "q", "cmd", KINDS)).hasValueSatisfying(p ->
                assertThat(p).contains("--allow-commands"));
        assertThat(RunnerCoverage.problem(List.of(old, elsewhere), "q", "pi", KINDS)).isEmpty();
    }

    @Test
    void waitSaysItOnStderrAndTheJobIsNotFailedForIt(RedisFixture redis) throws Exception {
        try (Broker broker = Broker.connect(redis.uri())) {
            Runner runner = new Runner(broker, TaskKinds.load(getClass().getClassLoader()),
                    RunnerConfig.defaults("no-plugins", List.of(redis.queue()), 1)).start();
            try {
                JobId id = broker.submit(JobSpec.of("collatz", "{}", 3).withQueue(redis.queue()));
                Cli.Run waited = Cli.withRedis(redis.uri()).run("wait", id.toString(), "--timeout", "6s");
                assertThat(waited.exitCode()).as(waited.toString()).isEqualTo(5);
                assertThat(waited.err()).contains("but none runs kind 'collatz'").contains("job " + id + " waits");
                assertThat(broker.status(id).orElseThrow().state()).isNotEqualTo(JobState.FAILED);
                assertThat(broker.status(id).orElseThrow().failed()).isZero();
            } finally {
                runner.shutdown();
            }
        }
    }
}
