package dev.scatter.submit;

import dev.scatter.broker.Broker;
import dev.scatter.broker.JobStatus;

/**
 * What a command does around its job, in the Redis the job runs on (which, in the local mode, exists only while
 * the job runs): store data the tasks share before submitting, use the result once the job has ended.
 */
interface JobHooks {

    JobHooks NONE = new JobHooks() {
    };

    /** Runs just before the job is submitted, on the broker it is submitted to. */
    default void beforeSubmit(Broker broker) {
    }

    /** Runs once the job has ended (not with --no-wait), before its result is printed. */
    default void afterEnd(JobStatus job) {
    }
}
