package dev.scatter.chaos;

import org.junit.jupiter.api.Test;

/**
 * One runner in a network namespace cut off from Redis for three leases, then joined again: it stops its own
 * commands, others take them over within about a lease, no command runs twice at once, and its late results
 * change nothing. Needs root and iproute2 (skipped otherwise).
 */
class NetworkPartitionTest {

    @Test
    void aPartitionedRunnerFencesItselfAndItsLateResultsChangeNothing() {
        Cases.runAndCheck(NetworkPartition.fast());
    }
}
