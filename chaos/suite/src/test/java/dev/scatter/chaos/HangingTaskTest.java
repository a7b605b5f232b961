package dev.scatter.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scatter.broker.JobId;
import dev.scatter.broker.JobSpec;
import dev.scatter.broker.QueueBacklog;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A task that never returns, deaf to stop requests and interrupts (the poison kind's {@code hang}), does not keep
 * its runner from stopping: on SIGTERM the runner exits 0 by its drain deadline and hands the task back at once.
 */
class HangingTaskTest {

    @Test
    void sigtermStopsARunnerWhoseTaskNeverReturnsAndHandsTheTaskBack() {
        Duration drain = Duration.ofSeconds(1);
        try (Lab lab = Lab.start("hang")) {
            int slot = lab.fleet().add("r", lab.launch(Duration.ofSeconds(30)).withDrain(drain));
            JobId id = lab.broker().submit(JobSpec.of("poison",
                    "{\"samples\":1000,\"seed\":1,\"poison\":0,\"mode\":\"hang\"}", 1).withQueue(lab.queue()));
            JobWatch watch = new JobWatch(lab.broker(), id);
            assertThat(watch.until(s -> watch.backlog().map(b -> b.inFlight() == 1).orElse(false),
                    Duration.ofSeconds(60))).as("the runner took the task").isPresent();

            long sent = System.nanoTime();
            int exit = lab.fleet().terminateOnly(slot, drain.toSeconds() + 15);
            double stopSeconds = (System.nanoTime() - sent) / 1e9;

            assertThat(exit).as(lab.fleet().logTails(20)).isZero();
            assertThat(stopSeconds).as("stopped within the drain deadline plus the hand-back").isLessThan(10);
            QueueBacklog backlog = lab.broker().queue(lab.queue()).backlog();
            assertThat(backlog.inFlight()).as("nothing left leased").isZero();
            assertThat(backlog.ready()).as("the task is ready for another runner").isEqualTo(1);
            lab.broker().cancel(id);
        }
    }
}
