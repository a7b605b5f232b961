package dev.scatter.broker;

import java.time.Instant;

/** A queue entry that could not be run at all (unparsable, or naming no existing job), with the reason. */
public record QuarantinedEntry(String entry, String reason, Instant at) {
}
