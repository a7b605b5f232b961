package dev.scatter.submit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to submit sweep: a one-line message naming the problem, exit code 2, nothing submitted. */
@ExtendWith(RealRedis.class)
class SweepBadInputTest {

    @Test
    void badDataIsNamedWithItsColumnAndLine(RedisFixture redis, @TempDir Path dir) throws Exception {
        Cli cli = Cli.withRedis(redis.uri());
        Path missing = dir.resolve("nope.csv");
        expect(sweep(cli, redis, "--data", missing.toString()), "cannot read the data file " + missing + ": no such file");
        expect(sweep(cli, redis, "--data", dir.toString()), "it is a directory");
        Path noLabel = Files.writeString(dir.resolve("colours.csv"), "r,g,colour\n1,2,red\n3,4,blue\n");
        expect(sweep(cli, redis, "--data", noLabel.toString()),
                "has no label column 'label': its columns are r, g, colour");
        Path text = Files.writeString(dir.resolve("text.csv"), "r,g,label\n1,2,red\n3,green,blue\n");
        expect(sweep(cli, redis, "--data", text.toString()), "column 'g' of " + text + " is not numeric: 'green' on line 3");
        Path small = Files.writeString(dir.resolve("small.csv"), "x,label\n1,a\n2,a\n3,a\n4,a\n5,b\n6,b\n7,b\n");
        expect(sweep(cli, redis, "--data", small.toString(), "--folds", "5"),
                "5 folds are more than the 3 rows of class 'b', the smallest: use at most 3 folds");
        expect(sweep(cli, redis, "--data", small.toString(), "--fold-column", "x", "--folds", "2"),
                "--folds and --fold-column exclude each other");
    }

    @Test
    void dataOverTheLimitForRedisNeedsSharedStorage(RedisFixture redis, @TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.csv");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength((64L << 20) + 1);  // sparse: costs no disk
        }
        expect(sweep(Cli.withRedis(redis.uri()), redis, "--data", big.toString()),
                "is 64.0 MiB, over the 64 MiB limit for data stored in Redis: put it where every runner can read it"
                        + " at the same path and add --data-shared");
    }

    @Test
    void badGridsAreNamed(RedisFixture redis, @TempDir Path dir) throws Exception {
        Cli cli = Cli.withRedis(redis.uri());
        expect(cli.run("sweep", "--data", "demo:rgba", "--queue", redis.queue()), "the grid is empty: give parameters");
        expect(cli.run("sweep", "--data", "demo:rgba", "--param", "C=range(5,1)", "--queue", redis.queue()),
                "the grid is empty: C has no values");
        expect(sweep(cli, redis, "--param", "cost=1,2"),
                "the svc model has no parameter 'cost': its parameters are C, kernel, gamma, degree, coef0");
        expect(sweep(cli, redis, "--param", "kernel=cubic"), "kernel must be one of linear, poly, rbf, sigmoid");
        expect(sweep(cli, redis, "--param", "C=logspace(-3,1)"), "--param C=logspace(-3,1): logspace(-3,1): expected 3");
        expect(sweep(cli, redis, "--param", "C=uniform(1,2)"), "is a distribution: it needs random search (--random N)");
        expect(sweep(cli, redis, "--model", "forest"), "unknown model 'forest': the models are svc");
        expect(sweep(cli, redis, "--scoring", "recall"), "unknown scoring 'recall': use accuracy, balanced_accuracy, f1_macro");

        Path empty = Files.writeString(dir.resolve("empty.yaml"), "grid: {}\n");
        expect(cli.run("sweep", "--data", "demo:rgba", "--grid", empty.toString(), "--queue", redis.queue()),
                "the sweep file " + empty + " is malformed at grid: the grid is empty");
        Path syntax = Files.writeString(dir.resolve("syntax.yaml"), "grid:\n  C: [1, 2\n  kernel: rbf\n");
        expect(cli.run("sweep", "--data", "demo:rgba", "--grid", syntax.toString(), "--queue", redis.queue()),
                "the sweep file " + syntax + " is malformed, line 3, column");
        Path json = Files.writeString(dir.resolve("bad.json"), "{\"grid\": {\"C\": [1, 2,]}}");
        expect(cli.run("sweep", "--data", "demo:rgba", "--grid", json.toString(), "--queue", redis.queue()),
                "the sweep file " + json + " is malformed, line 1, column 22");
        Path value = Files.writeString(dir.resolve("value.yaml"), "grid:\n  - C: {low: 1}\n");
        expect(cli.run("sweep", "--data", "demo:rgba", "--grid", value.toString(), "--queue", redis.queue()),
                "is malformed at grid[0].C: a list of values, a range or a distribution, not a mapping");
        Path key = Files.writeString(dir.resolve("key.yaml"), "gird:\n  C: [1]\n");
        expect(cli.run("sweep", "--data", "demo:rgba", "--grid", key.toString(), "--queue", redis.queue()),
                "is malformed at gird: unknown key (the keys are model, random, grid)");
        expect(cli.run("sweep", "--data", "demo:rgba", "--grid", dir.resolve("none.yaml").toString(), "--queue",
                redis.queue()), "cannot read the sweep file");
    }

    private static Cli.Run sweep(Cli cli, RedisFixture redis, String... args) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("sweep", "--queue", redis.queue()));
        all.addAll(java.util.List.of(args));
        if (!all.contains("--data")) {
            all.addAll(java.util.List.of("--data", "demo:rgba"));
        }
        if (!all.contains("--param")) {
            all.addAll(java.util.List.of("--param", "C=1"));
        }
        return cli.run(all.toArray(String[]::new));
    }

    private static void expect(Cli.Run run, String message) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).as(run.toString()).contains(message);
        assertThat(run.err()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(run.err().strip().lines().count()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
    }
}
