package dev.scatter.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.broker.JobStatus;
import dev.scatter.task.DashboardJob;
import dev.scatter.task.DashboardView;
import dev.scatter.task.TaskKind;
import dev.scatter.task.TaskKinds;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the job page shows a job's result: as the job's kind says ({@link TaskKind#dashboardView}), so that the
 * dashboard knows no kind by name. A kind with no view, or one this dashboard does not have (a plug-in it was not
 * given), shows its result as JSON; so does a view that fails, which is said once in the log.
 */
final class KindViews {

    /** Jobs of at most this many tasks have their partial results read while they run, to draw them live. */
    static final int LIVE_TASK_LIMIT = 20_000;
    private static final Logger LOG = LoggerFactory.getLogger(KindViews.class);

    private final Map<String, DashboardView> byKind = new HashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    KindViews(TaskKinds kinds) {
        for (String name : kinds.names()) {
            DashboardView view = kinds.find(name).map(TaskKind::dashboardView).orElse(null);
            if (view != null) {
                byKind.put(name, view);
            }
        }
    }

    /** The figures the page draws for the job; {@code partials} reads its partial results, when its view asks. */
    ObjectNode figures(JobStatus job, Supplier<Map<Integer, String>> partials) {
        DashboardView view = job.kind() == null ? null : byKind.get(job.kind());
        if (view != null) {
            DashboardJob shown = new DashboardJob(job.id().toString(), job.state().wire(), job.total(),
                    json(job.paramsJson()), json(job.result()), LIVE_TASK_LIMIT, () -> parsed(partials.get()));
            try {
                ObjectNode figures = view.figures(shown);
                if (figures != null) {
                    return figures;
                }
            } catch (RuntimeException e) {
                if (failing.add(job.kind())) {
                    LOG.warn("the dashboard view of kind {} failed, so its results show as JSON: {}", job.kind(),
                            e.toString());
                }
            }
        }
        return Http.JSON.createObjectNode().put("renderer", "json");
    }

    /** The result as CSV, when the job's kind gives its results as a table. */
    Optional<String> csv(String kind, JsonNode result) {
        DashboardView view = kind == null ? null : byKind.get(kind);
        if (view == null || result == null || result.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(view.csv(result));
        } catch (RuntimeException e) {
            if (failing.add(kind)) {
                LOG.warn("the dashboard view of kind {} failed to give its CSV: {}", kind, e.toString());
            }
            return Optional.empty();
        }
    }

    private static SortedMap<Integer, JsonNode> parsed(Map<Integer, String> partials) {
        SortedMap<Integer, JsonNode> out = new TreeMap<>();
        partials.forEach((index, text) -> {
            JsonNode partial = json(text);
            if (partial != null) {
                out.put(index, partial);
            }
        });
        return out;
    }

    /** Stored JSON as a tree, or null when there is none or it does not parse. */
    private static JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Http.JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
