package dev.scatter.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scatter.broker.Broker;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobStatus;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import dev.scatter.runner.Runner;
import dev.scatter.runner.RunnerConfig;
import dev.scatter.kinds.cmd.CommandKind;
import dev.scatter.kinds.cmd.CommandOptions;
import dev.scatter.task.TaskKinds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Command sweeps: a command per seed or grid cell, its metrics summarised, its failures listed. */
@ExtendWith(RealRedis.class)
class CommandSweepTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Prints {"loss": seed/10, "seed": seed} and fails for seed 4. */
    private static final String[] SCRIPT = {"sh", "-c",
        "echo working on $1; echo \"{\\\"loss\\\": $1.5, \\\"seed\\\": $1}\"; [ $1 -ne 4 ] || { echo bad seed >&2; exit 3; }",
        "sh", "{seed}"};

    @Test
    void aSeedSweepSummarisesMetricsAndListsFailures() throws Exception {
        Cli.Run run = Cli.withoutRedis().run(args("cmd", "--seeds", "1..6", "--local", "2", "--json", "--"));
        assertThat(run.exitCode()).as("a command exited non-zero: " + run).isEqualTo(1);
        assertThat(JSON.readTree(run.out()).path("state").asText()).isEqualTo("succeeded");
        JsonNode result = JSON.readTree(run.out()).path("result");
        assertThat(result.path("tasks").asInt()).isEqualTo(6);
        assertThat(result.path("failedCount").asInt()).isEqualTo(1);
        JsonNode loss = result.path("metrics").path("loss");
        assertThat(loss.path("count").asInt()).isEqualTo(5);
        assertThat(loss.path("mean").asDouble()).isEqualTo((1.5 + 2.5 + 3.5 + 5.5 + 6.5) / 5);
        assertThat(loss.path("min").asDouble()).isEqualTo(1.5);
        assertThat(loss.path("max").asDouble()).isEqualTo(6.5);
        JsonNode failed = result.path("failed").get(0);
        assertThat(failed.path("values").path("seed").asText()).isEqualTo("4");
        assertThat(failed.path("exitCode").asInt()).isEqualTo(3);
        assertThat(failed.path("stderrTail").asText()).contains("bad seed");

        Cli.Run text = Cli.withoutRedis().run(args("cmd", "--seeds", "1..6", "--local", "2", "--"));
        assertThat(text.out()).contains("loss").contains("failed   task 3 {\"seed\":\"4\"}: exit 3 (bad seed)");
    }

    @Test
    void aGridRunsEveryCombination(RedisFixture redis) throws Exception {
        Cli.Run run = Cli.withRedis(redis.uri()).run("cmd", "--param", "a=1,2", "--param", "b=x,y,z", "--queue",
                redis.queue(), "--local", "2", "--json", "--", "echo", "{a}-{b}", "{{literal}}", "task {task}");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(JSON.readTree(run.out()).path("tasks").path("total").asInt()).isEqualTo(6);
        assertThat(JSON.readTree(run.out()).path("result").path("succeeded").asInt()).isEqualTo(6);
    }

    @Test
    void commandTasksWaitForARunnerThatAllowsCommandsAndChargeNothingMeanwhile(RedisFixture redis)
            throws Exception {
        Cli cli = Cli.withRedis(redis.uri());
        try (Broker broker = Broker.connect(redis.uri())) {
            Runner without = new Runner(broker, TaskKinds.load(getClass().getClassLoader()),
                    RunnerConfig.defaults("no-commands", List.of(redis.queue()), 1)).start();
            try {
                JobId id = JobId.parse(cli.run("cmd", "--seeds", "1..2", "--queue", redis.queue(), "--no-wait", "--",
                        "true").out().trim());
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                        .until(() -> broker.queue(redis.queue()).backlog().parked() == 1);
                assertThat(broker.status(id).orElseThrow().failed()).as("set aside, not failed").isZero();
                assertThat(broker.deadTasks(id)).isEmpty();

                Runner with = new Runner(broker, TaskKinds.load(getClass().getClassLoader())
                        .with(new CommandKind(CommandOptions.here())),
                        RunnerConfig.defaults("commands", List.of(redis.queue()), 1)).start();
                try {
                    Cli.Run waited = cli.run("wait", id.toString());
                    assertThat(waited.exitCode()).as(waited.toString()).isZero();
                    JobStatus status = broker.status(id).orElseThrow();
                    assertThat(status.retries() + status.recovered() + status.handedBack()).isZero();
                } finally {
                    with.shutdown();
                }
            } finally {
                without.shutdown();
            }
        }
    }

    @Test
    void aCommandPastItsTimeoutIsKilledAndReported() throws Exception {
        Cli.Run run = Cli.withoutRedis().run("cmd", "--seeds", "1..1", "--task-timeout", "1s", "--local", "1",
                "--json", "--", "sleep", "30");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        JsonNode failed = JSON.readTree(run.out()).path("result").path("failed").get(0);
        assertThat(failed.path("timedOut").asBoolean()).isTrue();
        assertThat(failed.path("exitCode").isNull()).isTrue();
    }

    @Test
    void cancellingAJobStopsItsRunningCommand(RedisFixture redis) throws Exception {
        Cli cli = Cli.withRedis(redis.uri());
        try (Broker broker = Broker.connect(redis.uri())) {
            Runner runner = new Runner(broker, TaskKinds.load(getClass().getClassLoader())
                    .with(new CommandKind(CommandOptions.here())),
                    RunnerConfig.defaults("commands", List.of(redis.queue()), 1).withLease(Duration.ofSeconds(1)))
                    .start();
            try {
                JobId id = JobId.parse(cli.run("cmd", "--seeds", "1..1", "--queue", redis.queue(), "--no-wait", "--",
                        "sleep", "60").out().trim());
                await().atMost(Duration.ofSeconds(10)).until(() -> runner.held() == 1);
                assertThat(cli.run("cancel", id.toString()).exitCode()).isZero();
                await().atMost(Duration.ofSeconds(10)).until(() -> runner.held() == 0);
            } finally {
                runner.shutdown();
            }
        }
    }

    @Test
    void badSweepsAreRefusedWithTheReason() {
        Cli cli = Cli.withoutRedis();
        expect(cli.run("cmd", "--seeds", "1..3", "--", "echo", "{nope}"), "{nope}, which is not a parameter");
        expect(cli.run("cmd", "--", "echo", "hi"), "nothing to sweep");
        expect(cli.run("cmd", "--param", "lr", "--", "echo"), "should read NAME=VALUES");
        expect(cli.run("cmd", "--seeds", "5..1", "--", "echo"), "is empty");
        expect(cli.run("cmd", "--seeds", "1..3"), "Missing required parameter");
    }

    private static void expect(Cli.Run run, String message) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).as(run.toString()).contains(message).doesNotContain("\tat ");
    }

    private static String[] args(String... before) {
        List<String> all = new ArrayList<>(List.of(before));
        all.addAll(List.of(SCRIPT));
        return all.toArray(String[]::new);
    }
}
