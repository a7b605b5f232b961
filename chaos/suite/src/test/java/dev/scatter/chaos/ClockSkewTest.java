package dev.scatter.chaos;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Runners with wrong clocks (libfaketime; skipped where it is not installed): hosts' clocks decide nothing. */
class ClockSkewTest {

    @Test
    void runnersTwentySecondsBehindAndSixtyAheadTakeNoLiveLease() {
        Cases.runAndCheck(ClockSkew.skewed(Duration.ofSeconds(3)));
    }

    @Test
    void aDeadRunnerThirtyDaysAheadDoesNotPinItsLeases() {
        Cases.runAndCheck(ClockSkew.deadAhead(Duration.ofSeconds(3)));
    }
}
