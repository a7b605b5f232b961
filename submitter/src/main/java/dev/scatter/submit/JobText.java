package dev.scatter.submit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scatter.broker.JobStatus;
import java.time.Duration;
import java.util.Locale;

/** The readable form of a job and its result. */
final class JobText {

    private JobText() {
    }

    static String status(JobStatus s) {
        StringBuilder out = new StringBuilder();
        out.append("job      ").append(s.id()).append(" (").append(s.kind()).append(")\n");
        out.append("state    ").append(s.state().wire()).append('\n');
        if (s.isBroken()) {
            out.append("broken   ").append(s.broken()).append('\n');
        }
        out.append("tasks    ").append(s.done()).append('/').append(s.total()).append(" done: ")
                .append(s.succeeded()).append(" succeeded, ").append(s.failed()).append(" failed; ")
                .append(s.retries()).append(" retries; ").append(s.recovered()).append(" recovered from lost runners, ")
                .append(s.handedBack()).append(" handed back (neither charges an attempt)\n");
        out.append("params   ").append(s.paramsJson()).append('\n');
        if (s.createdAt() != null) {
            out.append("created  ").append(s.createdAt()).append('\n');
        }
        if (s.finishedAt() != null && s.createdAt() != null) {
            out.append("finished ").append(s.finishedAt()).append(" (")
                    .append(seconds(Duration.between(s.createdAt(), s.finishedAt()))).append(" after submit)\n");
        }
        if (s.error() != null) {
            out.append("error    ").append(dev.scatter.broker.Excerpt.printable(s.error())).append('\n');
        }
        if (s.result() != null) {
            out.append(result(s));
        }
        return out.toString();
    }

    /** The job's result, readably when its kind is known, else as JSON. */
    static String result(JobStatus s) {
        JsonNode result = JobJson.parse(s.result());
        if ("pi".equals(s.kind()) && result.has("estimate")) {
            return pi(result);
        }
        if ("cmd".equals(s.kind()) && result.has("metrics")) {
            return CommandResultText.render(result, s.id().toString());
        }
        if ("sweep".equals(s.kind()) && result.has("cells")) {
            return SweepTable.render(result);
        }
        return "result   " + JobJson.write(result).replace("\n", "\n         ") + "\n";
    }

    private static String pi(JsonNode r) {
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

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f s", d.toMillis() / 1000.0);
    }
}
