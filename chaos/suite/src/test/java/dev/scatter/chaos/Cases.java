package dev.scatter.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Assumptions;

/** Runs a fault case as a test: skipped, with the reason, where the machine cannot inject the fault. */
final class Cases {

    private Cases() {
    }

    static CaseResult runAndCheck(FaultCase c) {
        c.unavailable().ifPresent(why -> Assumptions.abort("skipped '" + c.name() + "': " + why));
        CaseResult result = c.run();
        assertThat(result.violations()).as(result.explain()).isEmpty();
        return result;
    }
}
