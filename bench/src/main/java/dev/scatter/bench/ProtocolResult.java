package dev.scatter.bench;

import java.util.List;

/**
 * Everything one run of the protocol benchmark measured; {@link ProtocolReport} turns it into the table or JSON.
 *
 * @param jobs       the jobs the {@code tasks} were submitted in
 * @param submit     submitting those jobs
 * @param submitSmall submitting {@code smallJobs} jobs of {@code smallJobTasks} tasks each
 * @param drain      claiming and completing all {@code tasks} (and the jobs' reduces)
 * @param problems   what the final check found wrong; empty when every job succeeded with each task counted once
 */
record ProtocolResult(
        String redisVersion,
        String redisDescription,
        int tasks,
        int jobs,
        int jobTasks,
        int batch,
        int consumers,
        int smallJobs,
        int smallJobTasks,
        Phase submit,
        Phase submitSmall,
        Phase drain,
        Consumer.Counts counts,
        List<String> problems,
        int minReplicas,
        int shards) {

    static final long SUBMIT_TARGET = 200_000;
    static final long CLAIM_COMPLETE_TARGET = 100_000;

    double submitTasksPerSec() {
        return submit.perSecond(tasks);
    }

    double submitJobsPerSec() {
        return submitSmall.perSecond(smallJobs);
    }

    double submitSmallTasksPerSec() {
        return submitSmall.perSecond((long) smallJobs * smallJobTasks);
    }

    /** Tasks of the jobs only: the few reduces ride along uncounted. */
    double claimCompleteTasksPerSec() {
        return drain.perSecond(tasks);
    }

    /** Redis round trips per task: each submit, claim and complete is one script call. */
    double submitCallsPerTask() {
        return (double) jobs / tasks;
    }

    double submitSmallCallsPerTask() {
        return 1.0 / smallJobTasks;
    }

    double drainCallsPerTask() {
        return (double) (counts.claimCalls() + counts.completeCalls()) / tasks;
    }

    boolean checkPassed() {
        return problems.isEmpty();
    }

    String checkMessage() {
        return checkPassed()
                ? "checked: " + jobs + (jobs == 1 ? " job" : " jobs") + " succeeded, each task counted once"
                : "check FAILED: " + String.join("; ", problems);
    }

    boolean targetsMet() {
        return submitTasksPerSec() >= SUBMIT_TARGET && claimCompleteTasksPerSec() >= CLAIM_COMPLETE_TARGET;
    }
}
