package dev.scatter.chaos;

import org.junit.jupiter.api.Test;

/** Runners with wrong clocks (libfaketime; skipped where it is not installed): hosts' clocks decide nothing. */
class ClockSkewTest {

    @Test
    void runnersTwentySecondsBehindAndSixtyAheadTakeNoLiveLease() {
        Cases.runAndCheck(ClockSkew.skewedFast());
    }

    @Test
    void aDeadRunnerThirtyDaysAheadDoesNotPinItsLeases() {
        Cases.runAndCheck(ClockSkew.deadAheadFast());
    }
}
