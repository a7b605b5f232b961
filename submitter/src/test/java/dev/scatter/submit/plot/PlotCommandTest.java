package dev.scatter.submit.plot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scatter.broker.Broker;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobSpec;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import dev.scatter.submit.SubmitCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import dev.scatter.kinds.pi.PiPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code submit result JOB --plot FILE} end to end: a real pi job on a real Redis, then its picture. */
@ExtendWith(RealRedis.class)
class PlotCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
    }

    @Test
    void aPiJobsResultIsDrawnAndTheUsualResultStillPrinted(RedisFixture redis) throws Exception {
        Map<String, String> env = Map.of("REDIS_URL", redis.uri());
        Run pi = run(env, "pi", "--samples", "4_000_000", "--tasks", "20", "--seed", "11", "--queue", redis.queue(),
                "--local", "2", "--json");
        assertThat(pi.exitCode()).as(pi.toString()).isZero();
        String id = JSON.readTree(pi.out()).path("id").asText();

        Path png = dir.resolve("pi-cli.png");
        Run plotted = run(env, "result", id, "--plot", png.toString());
        assertThat(plotted.exitCode()).as(plotted.toString()).isZero();
        assertThat(plotted.out()).contains("95% CI");
        assertThat(plotted.err()).contains("plot written to " + png);
        Images.png(png, PiPlot.WIDTH, PiPlot.HEIGHT);

        Path svg = dir.resolve("pi-cli.svg");
        assertThat(run(env, "result", id, "--plot", svg.toString(), "--json").exitCode()).isZero();
        assertThat(java.nio.file.Files.readString(svg)).contains("<title>π ≈ 3.1")
                .contains(id.substring(id.lastIndexOf('/') + 1));

        Run pdf = run(env, "result", id, "--plot", dir.resolve("pi.pdf").toString());
        assertThat(pdf.exitCode()).isEqualTo(2);
        assertThat(pdf.out()).isEmpty();
        assertThat(pdf.err().strip()).doesNotContain("\n").contains("must end in .png or .svg");
    }

    @Test
    void aKindWithoutAPlotIsRefusedBeforeAnythingPrints(RedisFixture redis) throws Exception {
        JobId id;
        try (Broker broker = Broker.connect(redis.uri())) {
            id = broker.submit(JobSpec.of("noop", "{}", 1).withQueue(redis.queue()));
        }
        Run run = run(Map.of("REDIS_URL", redis.uri()), "result", id.toString(), "--plot",
                dir.resolve("x.png").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).isEqualTo(
                "submit result: there is no plot for jobs of kind 'noop' (plots exist for cmd, pi, sweep)");
        assertThat(dir.resolve("x.png")).doesNotExist();
    }

    private static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SubmitCli.create(new PrintWriter(out, true), new PrintWriter(err, true), env).execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
