package dev.scatter.submit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scatter.broker.Broker;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local mode keeps what it computed in a project-local store, readable once submit has exited. */
class LocalStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aLocalJobIsReadAfterSubmitExits(@TempDir Path dir) throws Exception {
        Cli cli = Cli.inStore(dir.resolve(".scatter"));
        Cli.Run run = cli.run("pi", "--samples", "1e5", "--tasks", "4", "--local", "2", "--seed", "3", "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).contains("jobs are kept in " + dir.resolve(".scatter"));
        JsonNode job = JSON.readTree(run.out());
        String id = job.path("id").asText();

        Cli.Run result = cli.run("result", id, "--json");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(JSON.readTree(result.out()).path("result")).isEqualTo(job.path("result"));
        Cli.Run status = cli.run("status", id);
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out()).contains("succeeded");
        Cli.Run jobs = cli.run("jobs");
        assertThat(jobs.out()).contains(id);
        assertThat(dir.resolve(".scatter/.gitignore")).content().contains("*");
    }

    @Test
    void withoutAStoreReadingCommandsSaySoInOneLine(@TempDir Path dir) {
        Cli.Run run = Cli.inStore(dir.resolve("nothing-here")).run("result", "abc");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n").contains("no Redis given").contains("no local store");
    }

    @Test
    void concurrentLocalRunsInOneDirectoryEachKeepTheirJob(@TempDir Path dir) throws Exception {
        Cli cli = Cli.inStore(dir.resolve(".scatter"));
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Cli.Run>> runs = List.of(1, 2, 3).stream().map(seed -> CompletableFuture.supplyAsync(() -> {
            await(go);
            return cli.run("pi", "--samples", "1e5", "--tasks", "3", "--local", "1", "--seed", seed.toString(), "--json");
        })).toList();
        go.countDown();
        List<String> ids = new java.util.ArrayList<>();
        for (CompletableFuture<Cli.Run> f : runs) {
            Cli.Run run = f.get();
            assertThat(run.exitCode()).as(run.toString()).isZero();
            ids.add(JSON.readTree(run.out()).path("id").asText());
        }
        Cli.Run jobs = cli.run("jobs", "--json");
        assertThat(jobs.exitCode()).as(jobs.toString()).isZero();
        for (String id : ids) {
            Cli.Run result = cli.run("result", id, "--json");
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(jobs.out()).contains(id);
        }
    }

    @Test
    void aJobAnInterruptedRunLeftActiveIsCancelledByTheNextRun(@TempDir Path dir) throws Exception {
        Path store = dir.resolve(".scatter");
        JobId orphan;
        try (LocalStore owned = LocalStore.openForJob(store, new PrintWriter(new StringWriter()));
             Broker broker = Broker.connect(owned.uri())) {
            orphan = broker.submit(JobSpec.of("pi", "{\"samples\":1000}", 2));
        }
        Cli cli = Cli.inStore(store);
        Cli.Run run = cli.run("pi", "--samples", "1e4", "--tasks", "2", "--local", "1");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).contains("cancelled job " + orphan);
        assertThat(cli.run("status", orphan.toString()).out()).contains("cancelled");
    }

    @Test
    void aKeptJobExpiresWithItsTtl(@TempDir Path dir) throws Exception {
        Cli cli = Cli.inStore(dir.resolve(".scatter"));
        Cli.Run run = cli.run("pi", "--samples", "1e4", "--tasks", "2", "--local", "1", "--ttl", "1s", "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String id = JSON.readTree(run.out()).path("id").asText();
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> cli.run("status", id).exitCode() == 4);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
