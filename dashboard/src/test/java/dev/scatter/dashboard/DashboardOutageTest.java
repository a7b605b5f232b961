package dev.scatter.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scatter.broker.Broker;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobSpec;
import dev.scatter.broker.testing.DedicatedRedis;
import dev.scatter.broker.testing.HardPasswords;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A Redis that requires a hard password and goes away: no answer shows the password, and the API recovers. */
@ExtendWith(RealRedis.class)
class DashboardOutageTest {

    /** Two marked halves around every character that means something in a URI (HardPasswords.EVERY). */
    private static final String PASSWORD = HardPasswords.LEFT + "/?#@%: " + HardPasswords.RIGHT;

    @Test
    void noAnswerShowsThePasswordAndTheApiComesBackWithRedis(@DedicatedRedis(password = PASSWORD) RedisFixture redis) {
        try (Broker broker = Broker.connect(redis.uri()); Dashboard dashboard = DashboardApiTest.start(broker, redis.queue())) {
            Web web = new Web(dashboard);
            JobId job = broker.submit(JobSpec.of("pi", "{}", 2).withQueue(redis.queue()));
            List<String> paths = List.of("/api/session", "/api/overview", "/api/jobs?queue=" + redis.queue(),
                    "/api/job?id=" + job, "/api/runners", "/api/dead?queue=" + redis.queue(), "/healthz");
            List<HttpResponse<String>> answers = new ArrayList<>();
            paths.forEach(p -> answers.add(web.get(p)));
            answers.forEach(a -> assertThat(a.statusCode()).as(a.uri().toString()).isEqualTo(200));
            assertThat(web.json("/api/session").path("redis").asText()).contains("***").contains(":" + redis.server().port());

            redis.server().stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> web.get("/healthz").statusCode() == 503);
            // The overview is shared for a second: within that it may still answer from before the outage.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                answers.clear();
                paths.stream().filter(p -> !p.equals("/api/session")).forEach(p -> answers.add(web.get(p)));
                answers.forEach(a -> assertThat(a.statusCode()).as(a.uri() + ": " + a.body()).isEqualTo(503));
            });
            assertThat(web.get("/api/overview").body()).contains("Redis").contains("127.0.0.1:" + redis.server().port());
            assertThat(web.get("/livez").statusCode()).isEqualTo(200);

            redis.server().start();
            await().atMost(Duration.ofSeconds(20)).until(() -> web.get("/api/overview").statusCode() == 200);
            assertThat(web.get("/healthz").statusCode()).isEqualTo(200);
            for (HttpResponse<String> a : answers) {
                assertThat(HardPasswords.leaks(a.body())).as(a.body()).isFalse();
            }
            for (String p : paths) {
                assertThat(HardPasswords.leaks(web.get(p).body())).as(p).isFalse();
            }
        }
    }
}
