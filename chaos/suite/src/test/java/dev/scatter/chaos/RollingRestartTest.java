package dev.scatter.chaos;

import org.junit.jupiter.api.Test;

/** Every runner restarted with SIGTERM, one after another, during a job: exits 0, hands back, charges nothing. */
class RollingRestartTest {

    @Test
    void aRollingRestartHandsBackAndChargesNothing() {
        Cases.runAndCheck(RollingRestart.fast());
    }
}
