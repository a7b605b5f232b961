package dev.scatter.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.broker.Broker;
import dev.scatter.broker.JobState;
import dev.scatter.broker.JobStatus;
import dev.scatter.broker.TaskQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The jobs table: a page of a queue's jobs, newest first, optionally of one state. Without a state a page is one
 * index range; jobs that have not ended come from the queue's active hash, which tells their state (pages up to
 * {@link #SCAN_LIMIT} jobs deep); an ended state is found by walking
 * the index from the newest job, at most {@link #SCAN_LIMIT} jobs a request, and the answer says when it stopped
 * there. No request reads more than that, however many jobs the queue holds.
 */
final class JobsTable {

    static final int MAX_PAGE_SIZE = 200;
    static final int SCAN_LIMIT = 5_000;
    private static final int SCAN_PAGE = 500;

    private final Broker broker;
    private final Clock clock;

    JobsTable(Broker broker, Clock clock) {
        this.broker = broker;
        this.clock = clock;
    }

    ObjectNode page(String queueName, String stateName, int page, int size) {
        JobState state = state(stateName);
        TaskQueue queue = broker.queue(queueName);
        Instant now = clock.instant();
        ObjectNode root = Http.JSON.createObjectNode();
        root.put("queue", queueName);
        root.put("state", state == null ? "" : state.wire());
        root.put("page", page);
        root.put("size", size);
        long jobCount = queue.jobCount();
        root.put("jobCount", jobCount);
        List<JobStatus> jobs;
        boolean more;
        int skip = page * size;
        if (state == null) {
            jobs = queue.jobs(skip, size + 1);
            root.put("scanned", jobs.size());
        } else if (!state.isTerminal()) {
            // The active hash tells each job's state: only the page's jobs are read.
            List<JobStatus> active = queue.activeJobs(Math.min(SCAN_LIMIT, skip + size + 1), state);
            jobs = active.subList(Math.min(skip, active.size()), active.size());
            root.put("scanned", active.size());
        } else {
            jobs = new ArrayList<>();
            int scanned = 0;
            int matched = 0;
            while (scanned < Math.min(SCAN_LIMIT, jobCount) && jobs.size() <= size) {
                List<JobStatus> chunk = queue.jobs(scanned, SCAN_PAGE);
                scanned += SCAN_PAGE;
                for (JobStatus job : chunk) {
                    if (job.state() == state && matched++ >= skip && jobs.size() <= size) {
                        jobs.add(job);
                    }
                }
            }
            root.put("scanned", Math.min(scanned, SCAN_LIMIT));
            root.put("scanLimited", scanned >= SCAN_LIMIT && jobCount > SCAN_LIMIT);
        }
        more = jobs.size() > size;
        ArrayNode rows = root.putArray("jobs");
        jobs.stream().limit(size).forEach(j -> rows.add(JobJson.summary(j, now)));
        root.put("more", more);
        return root;
    }

    private static JobState state(String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        try {
            JobState state = JobState.valueOf(name.toUpperCase(Locale.ROOT));
            if (state != JobState.BROKEN) {
                return state;
            }
        } catch (IllegalArgumentException e) {
            // said below
        }
        throw new IllegalArgumentException("state must be queued, running, reducing, succeeded, failed or cancelled");
    }
}
