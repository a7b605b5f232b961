package dev.scatter.submit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scatter.broker.Broker;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobSpec;
import dev.scatter.broker.QueueKeys;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import dev.scatter.localredis.FreePort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Input from a tired user or an attacker: each is one line naming the problem (and the option as written), the
 * exit code the README documents, no stack trace, and nothing left behind in Redis.
 */
@ExtendWith(RealRedis.class)
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void optionsOutOfBoundsNameTheOption(RedisFixture redis) {
        Cli cli = Cli.withRedis(redis.uri());
        String q = redis.queue();
        usage(cli.run("pi", "--ttl", "0", "--queue", q), "Invalid value for option '--ttl': must be from 1s to 3650d, not 0");
        usage(cli.run("pi", "--ttl", "500ms", "--queue", q), "'--ttl': must be from 1s to 3650d, not 500ms");
        usage(cli.run("pi", "--ttl", "99999999999999d", "--queue", q), "'--ttl': '99999999999999d' is too long");
        usage(cli.run("pi", "--local", "0", "--queue", q), "'--local': must be from 1 to 256, not 0");
        usage(cli.run("pi", "--local", "100000", "--queue", q), "'--local': must be from 1 to 256, not 100000");
        usage(cli.run("pi", "--max-attempts", "0", "--queue", q), "'--max-attempts': must be from 1 to 1000, not 0");
        usage(cli.run("pi", "--max-attempts", "1e9", "--queue", q), "'--max-attempts': must be from 1 to 1000, not 1e9");
        usage(cli.run("pi", "--max-recoveries", "-1", "--queue", q), "'--max-recoveries': must be from 0 to 1000, not -1");
        usage(cli.run("pi", "--tasks", "2e7", "--queue", q), "'--tasks': must be from 1 to 16000000, not 2e7");
        usage(cli.run("pi", "--shards", "0", "--queue", q), "'--shards': must be from 1 to 256, not 0");
        usage(cli.run("pi", "--shards", "257", "--queue", q), "'--shards': must be from 1 to 256, not 257");
        usage(cli.run("pi", "--samples", "1e400", "--queue", q), "'--samples': '1e400' is not a whole number within range");
        usage(cli.run("pi", "--timeout", "0", "--queue", q), "'--timeout': must be from 1ms to 36500d, not 0");
        usage(cli.run("wait", "abc", "--timeout", "0"), "'--timeout': must be from 1ms to 36500d, not 0");
        usage(cli.run("jobs", "--limit", "0"), "'--limit': must be from 1 to 1000, not 0");
        usage(cli.run("jobs", "--limit", "1e7"), "'--limit': must be from 1 to 1000, not 1e7");
        usage(cli.run("cmd", "--task-timeout", "0", "--seeds", "1..2", "--queue", q, "--", "true"),
                "'--task-timeout': must be from 1s to 365d, not 0");
        usage(cli.run("pi", "--queue", "a\nb"), "'--queue': must be 1 to 64 letters, digits, '_', '.' or '-', not 'a?b'");
        usage(cli.run("jobs", "--queue", "x".repeat(200_000)), "(200000 characters)'");
        usage(cli.run("status", "j".repeat(200_000)), "invalid job id");
        usage(Cli.withoutRedis().run("--redis", "", "pi"), "--redis is empty");
        usage(Cli.withoutRedis().run("--redis", "  ", "jobs"), "--redis is empty");
        assertNothingIn(redis);
    }

    @Test
    void commandSweepsRefuseWhatCannotRun(RedisFixture redis) {
        Cli cli = Cli.withRedis(redis.uri());
        String q = redis.queue();
        usage(cli.run("cmd", "--seeds", "1-20", "--queue", q, "--", "echo", "{seed}"),
                "--seeds '1-20' is not a range or list of whole numbers: write 1..20, 0..100..10 (a step) or 1,5,9");
        usage(cli.run("cmd", "--seeds", "1..x", "--queue", q, "--", "echo"), "--seeds '1..x' is not a range");
        usage(cli.run("cmd", "--seeds", "", "--queue", q, "--", "echo"), "--seeds '' is not a range");
        usage(cli.run("cmd", "--seeds", "5..1", "--queue", q, "--", "echo"), "--seeds 5..1: the range of seed is empty");
        usage(cli.run("cmd", "--seeds", "1..99999999999", "--queue", q, "--", "echo"),
                "makes more tasks than a job may have (1000000)");
        usage(cli.run("cmd", "--seeds", "1..1000", "--param", "x=" + "1,".repeat(2000), "--queue", q, "--", "echo"),
                "the seeds and parameters make 2000000 tasks, more than a job may have (1000000)");
        usage(cli.run("cmd", "--param", "a b=1,2", "--queue", q, "--", "echo"), "--param 'a b=1,2': the name must be");
        usage(cli.run("cmd", "--param", "x=1", "--param", "x=2", "--queue", q, "--", "echo"), "--param x is given twice");
        usage(cli.run("cmd", "--param", "task=1", "--queue", q, "--", "echo"), "--param task is given twice, or names a"
                + " built-in placeholder");
        usage(cli.run("cmd", "--seeds", "1..2", "--queue", q, "--", "echo", "{sed}"), "the command uses {sed}, which is"
                + " not a parameter");
        usage(cli.run("cmd", "--seeds", "1..2", "--queue", q), "Missing required parameter: 'COMMAND'");
        // Run here (--local): a program that does not exist is refused before anything is submitted.
        usage(cli.run("cmd", "--seeds", "1..3", "--local", "1", "--queue", q, "--", "no-such-program-xyz"),
                "cannot run 'no-such-program-xyz': command not found on PATH");
        usage(Cli.withoutRedis().run("cmd", "--seeds", "1..3", "--", "./no-such-script.sh"),
                "cannot run './no-such-script.sh': no such file");
        assertNothingIn(redis);
    }

    @Test
    void kindsAndParametersAreBounded(RedisFixture redis) {
        Cli cli = Cli.withRedis(redis.uri());
        String q = redis.queue();
        // A 200 KB kind name times 50 tasks once made an 11.5 MB dead hash and 10 MB of log.
        Cli.Run huge = cli.run("job", "k".repeat(200_000), "--tasks", "50", "--queue", q, "--no-wait");
        usage(huge, "invalid task kind name 'kkkk");
        assertThat(huge.err().length()).isLessThan(300);
        usage(cli.run("job", "bad kind", "--tasks", "1", "--queue", q), "use 1 to 64 letters, digits, '_', '.' or '-'");
        usage(cli.run("job", "noop", "--tasks", "1", "--queue", q, "--params", "[1]"), "--params must be a JSON object");
        usage(cli.run("job", "noop", "--tasks", "1", "--queue", q, "--params", "{\"a\":"),
                "--params is not valid JSON: Unexpected end-of-input");
        usage(cli.run("job", "noop", "--tasks", "1", "--queue", q, "--param", "=x"), "--param '=x' should read NAME=VALUE");
        Cli.Run deep = cli.run("job", "noop", "--tasks", "1", "--queue", q, "--params",
                "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
        usage(deep, "--params is not valid JSON: Document nesting depth (1001) exceeds the maximum allowed (1000)");
        assertThat(deep.err()).doesNotContain("StreamReadConstraints");
        String big = "{\"blob\":\"" + "x".repeat(2 << 20) + "\"}";
        usage(cli.run("job", "remote-kind", "--tasks", "1", "--queue", q, "--no-wait", "--params", big),
                "bytes, over the limit of 1048576 bytes");
        assertNothingIn(redis);
    }

    @Test
    void aServerThatIsNotRedisOrSpeaksNoTlsIsNamed(RedisFixture redis) throws Exception {
        String tls = "rediss://" + redis.server().host() + ":" + redis.server().port();
        redisError(Cli.withRedis(tls).run("jobs"), "the TLS handshake with " + redis.server().host() + ":"
                + redis.server().port() + " failed: it speaks plain Redis");
        try (ServerSocket http = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                while (!http.isClosed()) {
                    try (Socket client = http.accept()) {
                        client.getInputStream().read(new byte[4096]);
                        client.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException closed) {
                        // the test is over
                    }
                }
            });
            server.setDaemon(true);
            server.start();
            redisError(Cli.withRedis("redis://127.0.0.1:" + http.getLocalPort()).run("jobs"),
                    "does not answer as Redis does (its reply began with 'H'): is it a Redis server?");
        }
    }

    @Test
    void aSweepSaysItStoredItsDataOnlyOnceItDid(@TempDir Path dir) throws Exception {
        int closed = FreePort.pick();
        Cli.Run run = Cli.withRedis("redis://127.0.0.1:" + closed).run("sweep", "--data", "demo:rgba", "--param", "C=1");
        redisError(run, "cannot reach Redis at 127.0.0.1:" + closed);
        assertThat(run.err()).doesNotContain("stored in Redis");

        Cli.Run url = Cli.withoutRedis().run("sweep", "--data", "http://user:pw@127.0.0.1:" + closed + "/data.csv",
                "--param", "C=1");
        usage(url, "cannot read the data at http://***@127.0.0.1:" + closed + "/data.csv: connection refused");
        assertThat(url.err()).doesNotContain("pw@").doesNotContain("java.net");

        Path grid = Files.writeString(dir.resolve("grid.json"), "{\"grid\": {\"C\": [1, 2]}");
        Cli.Run json = Cli.withoutRedis().run("sweep", "--data", "demo:rgba", "--grid", grid.toString());
        usage(json, "is malformed, line 1, column 23: Unexpected end-of-input: expected close marker for Object");
        assertThat(json.err()).doesNotContain("Source").doesNotContain("REDACTED").doesNotContain("code ");
        Path twice = Files.writeString(dir.resolve("twice.json"), "{\"grid\": {\"C\": [1], \"C\": [2]}}");
        usage(Cli.withoutRedis().run("sweep", "--data", "demo:rgba", "--grid", twice.toString()), "Duplicate field 'C'");
        Path trailing = Files.writeString(dir.resolve("trailing.json"), "{\"grid\": {\"C\": [1]}}}");
        usage(Cli.withoutRedis().run("sweep", "--data", "demo:rgba", "--grid", trailing.toString()), "is malformed");
    }

    @Test
    void onlyAnUnreachableRedisOrRefusedCredentialsExitThree(RedisFixture redis) throws Exception {
        Cli cli = Cli.withRedis(redis.uri());
        // Nothing to retry: a usage error.
        String id = JSON.readTree(cli.run("job", "noop", "--tasks", "1", "--queue", redis.queue(), "--local", "1",
                "--json").out()).path("id").asText();
        usage(cli.run("retry", id), "nothing to retry");
        // An error Redis answers is neither: a key of the queue that is not what the scripts expect.
        String queue = redis.queue() + "-wrongtype";
        try (Jedis jedis = new Jedis(redis.server().host(), redis.server().port())) {
            jedis.set(new QueueKeys(queue).ready(), "not a list");
            jedis.set(new QueueKeys(queue).jobs(), "not a sorted set");
        }
        Cli.Run submit = cli.run("job", "noop", "--tasks", "1", "--queue", queue, "--no-wait");
        expect(submit, 70, "internal error: Redis at " + redis.server().host() + ":" + redis.server().port()
                + " answered an error while running submit-6.lua");
        expect(cli.run("jobs", "--queue", queue), 70, "answered an error while listing the jobs of queue " + queue);
    }

    @Test
    void aBrokenJobRecordIsShownAsSuchAndBreaksNothingElse(RedisFixture redis) throws Exception {
        Cli cli = Cli.withRedis(redis.uri());
        String q = redis.queue();
        String good = JSON.readTree(cli.run("job", "noop", "--tasks", "2", "--queue", q, "--local", "1", "--json").out())
                .path("id").asText();
        JobId badTotal;
        JobId badState;
        try (Broker broker = Broker.connect(redis.uri());
             Jedis jedis = new Jedis(redis.server().host(), redis.server().port())) {
            badTotal = broker.submit(JobSpec.of("noop", "{}", 3).withQueue(q));
            badState = broker.submit(JobSpec.of("noop", "{}", 3).withQueue(q));
            jedis.hset(new QueueKeys(q).job(badTotal.id()), "total", "abc");
            // A job that has not ended keeps its live state in the queue's active hash.
            jedis.hset(new QueueKeys(q).active(), badState.id(), "weird|0|3|5|noop");
        }
        Cli.Run jobs = cli.run("jobs", "--queue", q);
        assertThat(jobs.exitCode()).as(jobs.toString()).isZero();
        assertThat(jobs.out()).contains(good).contains("broken record: total is 'abc', not a whole number")
                .contains("broken record: state 'weird' is not a job state");
        JsonNode listed = JSON.readTree(cli.run("jobs", "--queue", q, "--json").out());
        assertThat(listed).hasSize(3);
        assertThat(listed.findValuesAsText("state")).contains("broken", "succeeded");
        Cli.Run status = cli.run("status", badTotal.toString());
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("broken   total is 'abc', not a whole number");
        expect(cli.run("wait", badState.toString()), 70, "job " + badState + " has a broken record in Redis (state"
                + " 'weird' is not a job state): it cannot be followed");
        expect(cli.run("result", badTotal.toString()), 70, "has a broken record in Redis");
        Cli.Run dead = cli.run("dead", "--queue", q);
        assertThat(dead.exitCode()).as(dead.toString()).isZero();
    }

    @Test
    void deadOverAQueueCutsHugeErrorsToALine(RedisFixture redis) throws Exception {
        Cli cli = Cli.withRedis(redis.uri());
        String q = redis.queue();
        String id;
        String full;
        try (Broker broker = Broker.connect(redis.uri());
             Jedis jedis = new Jedis(redis.server().host(), redis.server().port())) {
            JobId job = broker.submit(JobSpec.of("noop", "{}", 2).withQueue(q));
            id = job.id();
            full = job.toString();
            String huge = JSON.writeValueAsString(JSON.createObjectNode().put("attempts", 5).put("reason", "failed")
                    .put("error", "boom\n" + "x".repeat(100_000)).put("at", 0));
            jedis.hset(new QueueKeys(q).dead(id), "0", huge);
            jedis.hset(new QueueKeys(q).dead(id), "not-an-index", "{}");
            jedis.hset(new QueueKeys(q).dead(id), "1", "not json");
            jedis.hset(new QueueKeys(q).job(id), "failed", "1");
        }
        Cli.Run dead = cli.run("dead", "--queue", q);
        assertThat(dead.exitCode()).as(dead.toString()).isZero();
        assertThat(dead.out()).contains("boom?xxxx").contains("(100005 characters)")
                .contains("#?  unreadable after 0 attempts: field 'not-an-index': {}")
                .contains("#1  unreadable after 0 attempts: not json");
        assertThat(dead.out().length()).isLessThan(1_000);
        Cli.Run deadJson = cli.run("dead", "--queue", q, "--json");
        assertThat(deadJson.out().length()).isLessThan(2_000);
        Cli.Run one = cli.run("dead", full);
        assertThat(one.out().length()).as("one job's dead tasks in full").isGreaterThan(100_000);
    }

    @Test
    void pluginsThatCannotLoadAreUsageErrors(RedisFixture redis, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("kinds.jar"), "not a jar");
        usage(Cli.withRedis(redis.uri()).run("job", "collatz", "--tasks", "1", "--plugins", dir.toString(),
                "--queue", redis.queue()), "kinds.jar is not a jar");
        usage(Cli.withRedis(redis.uri()).run("job", "collatz", "--tasks", "1", "--plugins", dir.resolve("x").toString(),
                "--queue", redis.queue()), "is not a directory");
        assertNothingIn(redis);
    }

    /** picocli reads "@FILE" arguments as the file's lines unless told not to: an argument stays what it is. */
    @Test
    void anArgumentStartingWithAtIsNotAFileToRead(RedisFixture redis, @TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("args.txt"), "contents-of-the-file");
        String at = "@" + file;
        Cli cli = Cli.withRedis(redis.uri());
        Cli.Run submitted = cli.run("cmd", "--seeds", "1..1", "--queue", redis.queue(), "--no-wait", "--json", "--",
                "curl", "-d", at, "http://example.invalid");
        assertThat(submitted.exitCode()).as(submitted.toString()).isZero();
        JsonNode command = JSON.readTree(submitted.out()).path("params").path("command");
        assertThat(command.toString()).contains(at).doesNotContain("contents-of-the-file");
        Cli.Run status = cli.run("status", at);
        usage(status, "invalid queue name '@'");
        assertThat(status.err()).doesNotContain("contents-of-the-file");
    }

    private static void usage(Cli.Run run, String message) {
        expect(run, 2, message);
    }

    private static void redisError(Cli.Run run, String message) {
        expect(run, 3, message);
    }

    private static void expect(Cli.Run run, int code, String message) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(code);
        assertThat(run.err()).as(run.toString()).contains(message);
        assertThat(run.err()).as("no stack trace\n" + run).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(run.err().strip().lines().count()).as("one line (two with a usage hint)\n" + run)
                .isLessThanOrEqualTo(2);
        assertThat(run.err().length()).as("a short line\n" + run).isLessThan(1_000);
    }

    /** Bad input leaves nothing behind: no key of the test's queue. */
    private static void assertNothingIn(RedisFixture redis) {
        try (Jedis jedis = new Jedis(redis.server().host(), redis.server().port())) {
            Set<String> keys = jedis.keys("scatter:*{" + redis.queue() + "}*");
            assertThat(keys).as("keys left behind").isEmpty();
        }
    }
}
