package dev.scatter.dashboard.kinds;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Map;

/**
 * The one place that knows how each task kind is shown, keyed by kind name: a kind not named here (a plug-in's)
 * shows its result as JSON. When kinds carry their own dashboard view, this table is where they plug in.
 */
public final class KindViews {

    /** Jobs of at most this many tasks have their partial results read while they run, to draw them live. */
    public static final int LIVE_TASK_LIMIT = 20_000;

    private static final KindView PLAIN = (job, partials) -> JsonNodeFactory.instance.objectNode().put("renderer", "json");

    private static final Map<String, KindView> VIEWS = Map.of(
            "pi", new PiView(),
            "sweep", new SweepView(),
            "cmd", new CommandView());

    private KindViews() {
    }

    public static KindView of(String kind) {
        return kind == null ? PLAIN : VIEWS.getOrDefault(kind, PLAIN);
    }
}
