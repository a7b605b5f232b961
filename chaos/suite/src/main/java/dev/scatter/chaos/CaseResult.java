package dev.scatter.chaos;

import java.time.Duration;
import java.util.List;

/**
 * What one run of a fault case found.
 *
 * @param fault           the fault, as the campaign's table names it
 * @param exact           the job's result is identical to a fault-free run's
 * @param attemptsCharged attempts charged to tasks ({@code retries + failed} of the job; 0 is right for a fault
 *                        of the infrastructure, and a poison task's own are counted apart)
 * @param recovery        how long recovery took, as the case defines it (null where there is nothing to recover)
 * @param took            the whole run, from submit to the last check
 * @param violations      what broke the invariant, one line each; empty when the case passed
 * @param details         what else was measured (kills, deaths, recovered leases), for the report
 * @param diagnostics     the runners' last log lines, for a failure message
 */
public record CaseResult(String fault, boolean exact, long attemptsCharged, Duration recovery, Duration took,
                         List<String> violations, String details, String diagnostics) {

    public boolean passed() {
        return violations.isEmpty();
    }

    /** A one-paragraph account for a failed assertion: the violations, the details, the logs. */
    public String explain() {
        return fault + ": " + String.join("; ", violations) + "\n" + details + "\n" + diagnostics;
    }
}
