package dev.scatter.chaos;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A task that ends every runner it touches is quarantined with that reason after a bounded number of runner
 * deaths; the healthy tasks around it are counted exactly and charged nothing; the job ends.
 */
class PoisonTaskTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exit", "halt", "kill"})
    void aPoisonTaskIsQuarantinedAndNothingElseIs(String mode) {
        Cases.runAndCheck(PoisonTask.fast(mode));
    }
}
