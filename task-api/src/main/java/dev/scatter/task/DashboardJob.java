package dev.scatter.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.SortedMap;
import java.util.function.Supplier;

/**
 * A job as a dashboard's view of its kind receives it ({@link DashboardView#figures}).
 *
 * @param id            the job, as users write it
 * @param state         its state as the broker stores it: queued, running, reducing, succeeded, failed, cancelled
 *                      (or broken, when its record is unreadable)
 * @param tasks         how many tasks it has
 * @param params        its parameters, or null when they are not JSON
 * @param result        its result, or null until it has one (or when it is not JSON)
 * @param liveTaskLimit the most tasks a job may have for the dashboard to read its partial results while it runs;
 *                      beyond, reading them at every refresh would cost Redis too much
 * @param recorded      reads the partial results recorded so far, by task index (those that are not JSON left out)
 */
public record DashboardJob(String id, String state, int tasks, JsonNode params, JsonNode result, int liveTaskLimit,
                           Supplier<SortedMap<Integer, JsonNode>> recorded) {

    public boolean succeeded() {
        return "succeeded".equals(state);
    }

    /** Whether the job is small enough ({@link #liveTaskLimit}) for its partial results to be read as it runs. */
    public boolean followedLive() {
        return tasks <= liveTaskLimit;
    }

    /**
     * The partial results recorded so far, by task index, read afresh at each call; empty for a job that is not
     * {@link #followedLive()}.
     */
    public SortedMap<Integer, JsonNode> partials() {
        return followedLive() ? recorded.get() : Collections.emptySortedMap();
    }
}
