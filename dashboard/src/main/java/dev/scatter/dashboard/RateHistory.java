package dev.scatter.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Tasks completed per second, from samples of each queue's ever-growing completed counter: the rate between two
 * samples is their difference over the time between them. Keeps {@link #KEEP_MILLIS} of samples per queue.
 */
final class RateHistory {

    static final long KEEP_MILLIS = 10 * 60_000;

    private record Sample(long at, long completed) {
    }

    private final Map<String, Deque<Sample>> samples = new HashMap<>();

    synchronized void record(String queue, long atMillis, long completed) {
        Deque<Sample> q = samples.computeIfAbsent(queue, k -> new ArrayDeque<>());
        Sample last = q.peekLast();
        if (last != null && atMillis <= last.at()) {
            return;
        }
        q.addLast(new Sample(atMillis, completed));
        while (!q.isEmpty() && q.peekFirst().at() < atMillis - KEEP_MILLIS) {
            q.removeFirst();
        }
    }

    /** [[seconds since epoch, tasks per second], ...] summed over the queues, one point per sampling interval. */
    synchronized ArrayNode rates() {
        Map<Long, Double> bySecond = new java.util.TreeMap<>();
        for (Deque<Sample> q : samples.values()) {
            Sample previous = null;
            for (Sample s : q) {
                if (previous != null) {
                    double rate = Math.max(0, s.completed() - previous.completed()) * 1000.0 / (s.at() - previous.at());
                    bySecond.merge(s.at() / 1000, rate, Double::sum);
                }
                previous = s;
            }
        }
        ArrayNode points = Http.JSON.createArrayNode();
        bySecond.forEach((second, rate) -> points.addArray().add(second).add(Math.round(rate * 100) / 100.0));
        return points;
    }
}
