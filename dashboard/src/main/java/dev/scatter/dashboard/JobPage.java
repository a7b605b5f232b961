package dev.scatter.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.broker.Broker;
import dev.scatter.broker.DeadTask;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/** One job: its figures, parameters, result drawn for its kind, dead tasks; and its result as a file. */
final class JobPage {

    static final int DEAD_ROWS = 100;

    private final Broker broker;
    private final KindViews views;
    private final Clock clock;

    JobPage(Broker broker, KindViews views, Clock clock) {
        this.broker = broker;
        this.views = views;
        this.clock = clock;
    }

    Optional<ObjectNode> read(JobId id) {
        Optional<JobStatus> status = broker.status(id);
        if (status.isEmpty()) {
            return Optional.empty();
        }
        JobStatus job = status.get();
        ObjectNode node = JobJson.detail(job, clock.instant());
        node.set("view", views.figures(job, () -> broker.partialResults(id, job.total())));
        // Whether the result downloads as CSV too: the page offers the link only then.
        node.put("csv", job.result() != null && views.csv(job.kind(), JobJson.parsed(job.result())).isPresent());
        ArrayNode dead = node.putArray("dead");
        if (job.failed() > 0) {
            for (DeadTask task : broker.deadTasks(id, DEAD_ROWS)) {
                dead.add(JobJson.dead(task));
            }
        }
        return Optional.of(node);
    }

    /** The result as a download: JSON always, CSV for kinds whose result is a table. */
    Optional<Download> result(JobId id, String format) {
        Optional<JobStatus> status = broker.status(id);
        if (status.isEmpty() || status.get().result() == null) {
            return Optional.empty();
        }
        JobStatus job = status.get();
        String name = "scatter-" + job.id().queue() + "-" + job.id().id();
        if (format.equals("csv")) {
            JsonNode result = JobJson.parsed(job.result());
            return views.csv(job.kind(), result)
                    .map(csv -> new Download(name + ".csv", "text/csv; charset=utf-8", csv));
        }
        if (!format.equals("json")) {
            throw new IllegalArgumentException("format must be json or csv");
        }
        return Optional.of(new Download(name + ".json", "application/json; charset=utf-8", job.result()));
    }

    record Download(String fileName, String contentType, String body) {
        byte[] bytes() {
            return body.getBytes(StandardCharsets.UTF_8);
        }
    }
}
