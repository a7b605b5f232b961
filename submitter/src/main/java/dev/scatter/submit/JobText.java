package dev.scatter.submit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scatter.broker.JobStatus;
import dev.scatter.task.TaskKinds;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/** The readable form of a job and its result. */
final class JobText {

    private JobText() {
    }

    static String status(JobStatus s, TaskKinds kinds) {
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
        if (s.shards() > 1) {
            out.append("shards   ").append(s.shards()).append(" (queues of their own, one job)\n");
        }
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
            out.append(result(s, kinds));
        }
        return out.toString();
    }

    /** The job's result, as its kind writes it when the kind is known here and has a text form, else as JSON. */
    static String result(JobStatus s, TaskKinds kinds) {
        JsonNode result = JobJson.parse(s.result());
        return kinds.find(s.kind()).map(kind -> kind.resultText(s.id().toString(), result)).filter(Objects::nonNull)
                .orElseGet(() -> "result   " + JobJson.write(result).replace("\n", "\n         ") + "\n");
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f s", d.toMillis() / 1000.0);
    }
}
