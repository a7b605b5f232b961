package dev.scatter.chaos;

import org.junit.jupiter.api.Test;

/** Runners SIGKILLed every 1 to 2 s and replaced at once: the job ends exact, nothing charged or quarantined. */
class RunnerKillsTest {

    @Test
    void killsEveryOneToTwoSecondsChargeNothing() {
        Cases.runAndCheck(RunnerKills.fast());
    }
}
