package dev.scatter.submit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scatter.broker.Broker;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobSpec;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import dev.scatter.kinds.pi.PiSampler;
import dev.scatter.runner.Runner;
import dev.scatter.runner.RunnerConfig;
import dev.scatter.task.TaskKinds;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every subcommand against a real Redis: what it prints, in text and JSON, and its exit code. */
@ExtendWith(RealRedis.class)
class SubmitCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void piRunsToItsResultAndTheJobCommandsReportIt(RedisFixture redis) throws Exception {
        Cli cli = Cli.withRedis(redis.uri());
        Cli.Run pi = cli.run("pi", "--samples", "2_000_000", "--tasks", "1e1", "--seed", "7", "--queue", redis.queue(),
                "--local", "2", "--json");
        assertThat(pi.exitCode()).as(pi.toString()).isZero();
        JsonNode job = JSON.readTree(pi.out());
        assertThat(job.path("kind").asText()).isEqualTo("pi");
        assertThat(job.path("state").asText()).isEqualTo("succeeded");
        assertThat(job.path("tasks").path("total").asInt()).isEqualTo(10);
        assertThat(job.path("tasks").path("succeeded").asInt()).isEqualTo(10);
        JsonNode result = job.path("result");
        assertThat(result.path("samples").asLong()).isEqualTo(2_000_000);
        assertThat(result.path("inside").asLong()).isEqualTo(expectedInside(2_000_000, 10, 7));
        assertThat(result.path("estimate").asDouble()).isBetween(3.13, 3.15);
        assertThat(result.path("seed").asLong()).isEqualTo(7);
        assertThat(result.path("runners").asInt()).isBetween(1, 2);
        String id = job.path("id").asText();

        Cli.Run status = cli.run("status", id, "--json");
        assertThat(status.exitCode()).isZero();
        assertThat(JSON.readTree(status.out()).path("result").path("inside").asLong()).isEqualTo(result.path("inside").asLong());
        Cli.Run statusText = cli.run("status", id);
        assertThat(statusText.out()).contains("succeeded").contains("10/10");

        Cli.Run resultText = cli.run("result", id);
        assertThat(resultText.exitCode()).isZero();
        assertThat(resultText.out()).contains("pi ").contains("95% CI").contains("seed 7");

        Cli.Run waited = cli.run("wait", id, "--json");
        assertThat(waited.exitCode()).isZero();
        assertThat(JSON.readTree(waited.out()).path("state").asText()).isEqualTo("succeeded");

        Cli.Run jobs = cli.run("jobs", "--queue", redis.queue(), "--json");
        assertThat(jobs.exitCode()).isZero();
        assertThat(JSON.readTree(jobs.out()).findValuesAsText("id")).contains(id);
        assertThat(cli.run("jobs", "--queue", redis.queue()).out()).contains(id);

        Cli.Run cancelEnded = cli.run("cancel", id);
        assertThat(cancelEnded.exitCode()).isZero();
        assertThat(cancelEnded.out()).contains("already ended");
    }

    @Test
    void aShardedJobGivesTheCountOfTheSameJobUnshardedAndReadsAsOneJob(RedisFixture redis) throws Exception {
        Cli cli = Cli.withRedis(redis.uri());
        Cli.Run pi = cli.run("pi", "--samples", "2_000_000", "--tasks", "10", "--seed", "7", "--shards", "3",
                "--queue", redis.queue(), "--local", "2", "--json");
        assertThat(pi.exitCode()).as(pi.toString()).isZero();
        JsonNode job = JSON.readTree(pi.out());
        assertThat(job.path("tasks").path("shards").asInt()).isEqualTo(3);
        assertThat(job.path("tasks").path("succeeded").asInt()).isEqualTo(10);
        assertThat(job.path("result").path("inside").asLong()).isEqualTo(expectedInside(2_000_000, 10, 7));
        String id = job.path("id").asText();

        assertThat(cli.run("status", id).out()).contains("shards   3").contains("10/10");
        Cli.Run tasks = cli.run("tasks", id, "--json");
        assertThat(tasks.exitCode()).as(tasks.toString()).isZero();
        JsonNode rows = JSON.readTree(tasks.out());
        assertThat(rows).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(rows.get(i).path("task").asInt()).isEqualTo(i);
            assertThat(rows.get(i).path("state").asText()).isEqualTo("succeeded");
        }
        Cli.Run jobs = cli.run("jobs", "--queue", redis.queue());
        assertThat(jobs.out()).contains(id).contains("10/10");
        Cli.Run backlog = cli.run("backlog", "--queue", redis.queue(), "--json");
        assertThat(JSON.readTree(backlog.out()).path("outstanding").asLong()).isZero();
    }

    @Test
    void noWaitThenCancelThenWaitGivesTheCancelledCode(RedisFixture redis) throws Exception {
        Cli cli = Cli.withRedis(redis.uri());
        Cli.Run submitted = cli.run("pi", "--samples", "1e6", "--tasks", "5", "--queue", redis.queue(), "--no-wait");
        assertThat(submitted.exitCode()).as(submitted.toString()).isZero();
        String id = submitted.out().trim();

        Cli.Run pending = cli.run("result", id);
        assertThat(pending.exitCode()).isEqualTo(5);
        assertThat(pending.err()).contains("no result yet");

        Cli.Run cancel = cli.run("cancel", id, "--json");
        assertThat(cancel.exitCode()).isZero();
        assertThat(JSON.readTree(cancel.out()).path("state").asText()).isEqualTo("cancelled");

        assertThat(cli.run("wait", id).exitCode()).isEqualTo(1);
        assertThat(cli.run("result", id).exitCode()).isEqualTo(1);
    }

    @Test
    void deadTasksAreListedWithTheirReasonAndCanBeRetried(RedisFixture redis) throws Exception {
        Cli cli = Cli.withRedis(redis.uri());
        try (Broker broker = Broker.connect(redis.uri())) {
            Runner runner = new Runner(broker, TaskKinds.load(getClass().getClassLoader()),
                    RunnerConfig.defaults("cli-test", List.of(redis.queue()), 1)).start();
            try {
                // Parameters changed in Redis after a check at submit: runners refuse them, permanently.
                JobId id = broker.submit(JobSpec.of("pi", "{\"samples\":-5}", 2).withQueue(redis.queue()));
                Cli.Run waited = cli.run("wait", id.toString());
                assertThat(waited.exitCode()).as(waited.toString()).isEqualTo(1);
                assertThat(waited.out()).contains("failed").contains("submit dead " + id);

                Cli.Run dead = cli.run("dead", id.toString());
                assertThat(dead.exitCode()).isZero();
                assertThat(dead.out()).contains(id + "#0").contains(id + "#1")
                        .contains("invalid parameters");
                Cli.Run deadJson = cli.run("dead", "--queue", redis.queue(), "--json");
                assertThat(JSON.readTree(deadJson.out())).hasSize(2);

                Cli.Run retry = cli.run("retry", id.toString());
                assertThat(retry.exitCode()).as(retry.toString()).isZero();
                assertThat(retry.out()).contains("2 dead tasks made ready again");
                assertThat(cli.run("wait", id.toString()).exitCode()).isEqualTo(1);
            } finally {
                runner.shutdown();
            }
        }
    }

    @Test
    void runnersAreListed(RedisFixture redis) throws Exception {
        try (Broker broker = Broker.connect(redis.uri())) {
            Runner runner = new Runner(broker, TaskKinds.load(getClass().getClassLoader()),
                    RunnerConfig.defaults(redis.queue() + "-runner", List.of(redis.queue()), 3)).start();
            try {
                Cli cli = Cli.withRedis(redis.uri());
                org.awaitility.Awaitility.await().until(() -> cli.run("runners").out().contains(redis.queue() + "-runner"));
                JsonNode runners = JSON.readTree(cli.run("runners", "--json").out());
                assertThat(runners.findValuesAsText("id")).contains(redis.queue() + "-runner");
            } finally {
                runner.shutdown();
            }
        }
    }

    @Test
    void backlogCountsReadyInFlightAndDeadTasks(RedisFixture redis) throws Exception {
        Cli cli = Cli.withRedis(redis.uri());
        try (Broker broker = Broker.connect(redis.uri())) {
            JobId doomed = broker.submit(JobSpec.of("nosuchkind", "{}", 1).withQueue(redis.queue()).withMaxAttempts(1));
            broker.submit(JobSpec.of("pi", "{\"samples\":100,\"seed\":1}", 10).withQueue(redis.queue()));
            var queue = broker.queue(redis.queue());
            var leased = queue.claim(3, java.time.Duration.ofMinutes(1), java.util.List.of("nosuchkind", "pi")).tasks();
            queue.fail(leased.stream().filter(t -> t.job().equals(doomed))
                    .map(t -> dev.scatter.broker.TaskFailure.permanent(t, "no such kind")).toList());

            JsonNode backlog = JSON.readTree(cli.run("backlog", "--queue", redis.queue(), "--json").out());
            JsonNode q = backlog.path("queues").path(redis.queue());
            long leasedPi = leased.stream().filter(t -> !t.job().equals(doomed)).count();
            assertThat(q.path("ready").asLong()).isEqualTo(10 + 1 - leased.size());
            assertThat(q.path("inFlight").asLong()).isEqualTo(leasedPi);
            assertThat(q.path("dead").asLong()).isEqualTo(leased.size() - leasedPi).isEqualTo(1);
            assertThat(q.path("outstanding").asLong()).isEqualTo(q.path("ready").asLong() + q.path("inFlight").asLong());
            assertThat(backlog.path("outstanding").asLong()).isEqualTo(q.path("outstanding").asLong());
            assertThat(cli.run("backlog", "--queue", redis.queue()).out()).contains("OUTSTANDING").contains(redis.queue());
        }
    }

    @Test
    void theLocalModeNeedsNothingButAJdk() throws Exception {
        Cli.Run run = Cli.withoutRedis().run("pi", "--samples", "1e6", "--tasks", "4", "--local", "2", "--seed", "3", "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).contains("running locally with an embedded Redis");
        JsonNode job = JSON.readTree(run.out());
        assertThat(job.path("state").asText()).isEqualTo("succeeded");
        assertThat(job.path("result").path("inside").asLong()).isEqualTo(expectedInside(1_000_000, 4, 3));
    }

    @Test
    void helpListsTheExitCodesAndCompletionIsGenerated() {
        Cli.Run help = Cli.withoutRedis().run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Exit codes:").contains("Redis cannot be reached").contains("pi").contains("dead");
        Cli.Run completion = Cli.withoutRedis().run("generate-completion");
        assertThat(completion.exitCode()).isZero();
        assertThat(completion.out()).contains("complete -F");
    }

    private static long expectedInside(long samples, int tasks, long seed) {
        long inside = 0;
        for (int i = 0; i < tasks; i++) {
            inside += PiSampler.countInside(PiSampler.taskSeed(seed, i), PiSampler.samplesOf(samples, tasks, i), null);
        }
        return inside;
    }
}
