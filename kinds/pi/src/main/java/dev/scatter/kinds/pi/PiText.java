package dev.scatter.kinds.pi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** The readable form of a pi job's result: the estimate, its interval and how it was drawn. */
final class PiText {

    private PiText() {
    }

    static String render(JsonNode r) {
        double estimate = r.path("estimate").asDouble();
        return String.format(Locale.ROOT,
                "pi       %.10f ± %.2g (standard error)%n"
                        + "95%% CI   [%.10f, %.10f]; true value %.10f, off by %.2g%n"
                        + "samples  %,d in %,d tasks, %,d inside; %d runner%s; seed %d; %.2f s%n",
                estimate, r.path("stdError").asDouble(),
                r.path("ci95").path(0).asDouble(), r.path("ci95").path(1).asDouble(), Math.PI, estimate - Math.PI,
                r.path("samples").asLong(), r.path("tasks").asLong(), r.path("inside").asLong(),
                r.path("runners").asInt(), r.path("runners").asInt() == 1 ? "" : "s", r.path("seed").asLong(),
                r.path("wallSeconds").asDouble());
    }
}
