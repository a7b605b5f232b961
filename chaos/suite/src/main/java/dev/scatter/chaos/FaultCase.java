package dev.scatter.chaos;

import java.util.Optional;

/** One fault, injected into a job run by real runner processes on a real Redis, and the invariant checked. */
public interface FaultCase {

    /** The fault, as the campaign's table names it. */
    String name();

    /** Why this case cannot run on this machine (not root, no libfaketime), or empty when it can. */
    default Optional<String> unavailable() {
        return Optional.empty();
    }

    /** Runs the case once, from a fresh Redis to the last check; never throws for a broken invariant. */
    CaseResult run();
}
