package dev.scatter.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects what a case run finds, and turns it into a {@link CaseResult}. */
public final class Findings {

    private final String fault;
    private final long startedNanos = System.nanoTime();
    private final List<String> violations = new ArrayList<>();
    private final Map<String, Object> details = new LinkedHashMap<>();
    private boolean exact;
    private long attemptsCharged;
    private Duration recovery;

    public Findings(String fault) {
        this.fault = fault;
    }

    public void violation(String what) {
        violations.add(what);
    }

    public void check(boolean ok, String otherwise) {
        if (!ok) {
            violations.add(otherwise);
        }
    }

    public void detail(String key, Object value) {
        details.put(key, value);
    }

    public void exact(boolean exact) {
        this.exact = exact;
    }

    public void attemptsCharged(long n) {
        this.attemptsCharged = n;
    }

    public void recovery(Duration d) {
        this.recovery = d;
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    public CaseResult result(String diagnostics) {
        StringBuilder text = new StringBuilder();
        details.forEach((k, v) -> text.append(text.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        return new CaseResult(fault, exact, attemptsCharged, recovery,
                Duration.ofNanos(System.nanoTime() - startedNanos), List.copyOf(violations), text.toString(),
                diagnostics);
    }
}
