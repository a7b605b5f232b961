package dev.scatter.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scatter.broker.Broker;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The watchdog alone: no task runs past the task timeout, whatever its kind does with an interrupt. */
@ExtendWith(RealRedis.class)
class WatchdogTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration GRACE = Duration.ofSeconds(30);

    @Test
    void aTaskPastItsTimeoutIsInterruptedAndOneThatWillNotStopRestartsTheRunner(RedisFixture redis) throws Exception {
        try (Broker broker = Broker.connect(redis.uri())) {
            Holdings holdings = new Holdings();
            Settler settler = new Settler(broker, holdings, Roles.outage(broker, () -> { }), RunnerMetrics.inMemory());
            AtomicInteger restartCode = new AtomicInteger();
            Watchdog watchdog = new Watchdog(holdings, settler, TIMEOUT, GRACE, restartCode::set);
            List<Work> works = Roles.hold(broker, redis, holdings, 3, Roles.LEASE);
            CountDownLatch release = new CountDownLatch(1);
            Work obliging = running(works.get(0), TIMEOUT.plusSeconds(6), release, true);
            Work stubborn = running(works.get(1), TIMEOUT.plus(GRACE).plusSeconds(6), release, false);
            Work young = running(works.get(2), TIMEOUT.minusSeconds(1), release, false);
            try {
                watchdog.check();

                assertThat(obliging.stop.isSet()).isTrue();
                assertThat(obliging.whenStopped).as("its attempt fails").isEqualTo(Work.WhenStopped.FAIL);
                assertThat(obliging.stop.reason()).contains("timed out after 10.0 s");
                assertThat(stubborn.stop.isSet()).isTrue();
                assertThat(young.stop.isSet()).isFalse();
                assertThat(restartCode.get()).as("nothing stuck yet").isZero();

                // The grace period passes; the stubborn thread still runs.
                stubborn.stopIssuedAt -= GRACE.plusSeconds(1).toNanos();
                obliging.stopIssuedAt -= GRACE.plusSeconds(1).toNanos();
                obliging.thread.join(5_000);
                obliging.thread = null;
                watchdog.check();
                assertThat(stubborn.isFinished()).as("reported failed though its thread runs on").isTrue();
                assertThat(restartCode.get()).isEqualTo(72);
                assertThat(young.stop.isSet()).isFalse();
            } finally {
                release.countDown();
            }
        }
    }

    /** A work whose thread started {@code ago}; it ends on an interrupt only if {@code obeys}. */
    private static Work running(Work work, Duration ago, CountDownLatch release, boolean obeys) {
        Thread thread = new Thread(() -> {
            while (true) {
                try {
                    release.await();
                    return;
                } catch (InterruptedException e) {
                    if (obeys) {
                        return;
                    }
                }
            }
        });
        thread.setDaemon(true);
        thread.start();
        work.take();
        work.thread = thread;
        work.startedAt = System.nanoTime() - ago.toNanos();
        return work;
    }
}
