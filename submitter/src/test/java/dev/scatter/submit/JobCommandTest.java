package dev.scatter.submit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code submit job}: any kind by name, parameters as JSON or one by one. */
@ExtendWith(RealRedis.class)
class JobCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void runsABuiltInKindByName() throws Exception {
        Cli.Run run = Cli.withoutRedis().run("job", "pi", "--tasks", "4", "--param", "samples=1e5", "--param", "seed=3",
                "--local", "2", "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode job = JSON.readTree(run.out());
        assertThat(job.path("kind").asText()).isEqualTo("pi");
        assertThat(job.path("params").path("samples").asDouble()).isEqualTo(1e5);
        assertThat(job.path("result").path("samples").asLong()).isEqualTo(100_000);
    }

    @Test
    void aKindNoRunnerHereKnowsIsLeftToTheRemoteRunners(RedisFixture redis) throws Exception {
        Cli.Run run = Cli.withRedis(redis.uri()).run("job", "collatz", "--tasks", "3", "--params", "{\"limit\": 100}",
                "--queue", redis.queue(), "--no-wait", "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(JSON.readTree(run.out()).path("state").asText()).isEqualTo("queued");
    }

    @Test
    void refusesWhatCannotRun() {
        Cli cli = Cli.withoutRedis();
        assertThat(cli.run("job", "collatz", "--tasks", "3").err()).contains("unknown task kind 'collatz'");
        assertThat(cli.run("job", "pi", "--tasks", "3", "--params", "[1]").err()).contains("must be a JSON object");
        assertThat(cli.run("job", "pi", "--tasks", "3", "--params", "{oops").err()).contains("not valid JSON");
        assertThat(cli.run("job", "pi", "--tasks", "3", "--params", "{oops").exitCode()).isEqualTo(2);
    }
}
