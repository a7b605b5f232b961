package dev.scatter.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Assumptions;

/** Runs a fault case as a test: skipped, with the reason, where the machine cannot inject the fault. */
final class Cases {

    private Cases() {
    }

    static CaseResult runAndCheck(FaultCase c) {
        c.unavailable().ifPresent(why -> {
            System.out.println("SKIPPED fault case '" + c.name() + "': " + why);
            Assumptions.abort(why);
        });
        CaseResult result = c.run();
        assertThat(result.violations()).as(result.explain()).isEmpty();
        return result;
    }
}
