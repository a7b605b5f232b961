package dev.scatter.dashboard;

import dev.scatter.broker.Broker;
import dev.scatter.broker.ClaimedTask;
import dev.scatter.broker.RunnerPresence;
import dev.scatter.broker.TaskCompletion;
import dev.scatter.broker.TaskFailure;
import dev.scatter.broker.TaskQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A runner that the test steps by hand through the broker client: it claims, completes, fails and reduces exactly
 * when told, so a test knows every figure the dashboard should show at each moment. It announces itself with a
 * heartbeat as a real runner does.
 */
final class FakeRunner {

    static final Duration LEASE = Duration.ofMinutes(5);

    private final Broker broker;
    private final TaskQueue queue;
    private final List<String> kinds;
    private final List<ClaimedTask> held = new ArrayList<>();

    FakeRunner(Broker broker, String queue, String... kinds) {
        this.broker = broker;
        this.queue = broker.queue(queue);
        this.kinds = List.of(kinds);
    }

    /** Heartbeats as runner {@code id} of {@code threads} threads. */
    FakeRunner beat(String id, int threads) {
        return beat(id, threads, "test-host");
    }

    /** Heartbeats as runner {@code id} of {@code threads} threads on {@code host}. */
    FakeRunner beat(String id, int threads, String host) {
        broker.runners().heartbeat(new RunnerPresence(id, host, 4242, List.of(queue.name()),
                kinds.stream().map(k -> k + "@1").toList(), threads, held.size(), "9.9.9",
                Instant.now().minusSeconds(90), null), Duration.ofMinutes(1));
        return this;
    }

    /** Claims up to {@code n} tasks (a reduce among them, when one is ready). */
    List<ClaimedTask> claim(int n) {
        List<ClaimedTask> tasks = queue.claim(n, LEASE, kinds, false).tasks();
        held.addAll(tasks);
        return tasks;
    }

    /** Completes {@code n} of the held tasks (not reduces), each with the result the function gives. */
    void complete(int n, Function<ClaimedTask, String> result) {
        List<TaskCompletion> done = new ArrayList<>();
        for (ClaimedTask task : new ArrayList<>(held)) {
            if (done.size() == n) {
                break;
            }
            if (!task.isReduce()) {
                done.add(new TaskCompletion(task, result.apply(task)));
                held.remove(task);
            }
        }
        queue.complete(done);
    }

    /** Fails every held task for good, with this error: each goes to the job's dead set. */
    void failAll(String error) {
        queue.fail(held.stream().filter(t -> !t.isReduce()).map(t -> TaskFailure.permanent(t, error)).toList());
        held.removeIf(t -> !t.isReduce());
    }

    /** Claims the job's reduce and completes it with this result. */
    void reduce(String resultJson) {
        ClaimedTask reduce = claim(10).stream().filter(ClaimedTask::isReduce).findFirst()
                .orElseThrow(() -> new AssertionError("no reduce was ready"));
        held.remove(reduce);
        queue.complete(List.of(new TaskCompletion(reduce, resultJson)));
    }

    /** Runs every task of a job, and its reduce, to the end. */
    void runToEnd(int tasks, Function<ClaimedTask, String> result, String reduced) {
        while (claim(Math.min(tasks, 1000)).stream().anyMatch(t -> !t.isReduce())) {
            complete(Integer.MAX_VALUE, result);
        }
        ClaimedTask reduce = held.stream().filter(ClaimedTask::isReduce).findFirst().orElseGet(() ->
                claim(10).stream().filter(ClaimedTask::isReduce).findFirst()
                        .orElseThrow(() -> new AssertionError("no reduce was ready")));
        held.remove(reduce);
        queue.complete(List.of(new TaskCompletion(reduce, reduced)));
    }
}
