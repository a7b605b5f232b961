package dev.scatter.runner;

import dev.scatter.broker.Broker;
import dev.scatter.broker.ClaimedTask;
import dev.scatter.broker.TaskFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shutdown hook for exits the runner did not ask for: a task kind that calls {@code System.exit}. It logs the
 * tasks held, reports the task that called exit as a failed attempt that names the cause (so a task that does it
 * every time is quarantined after its attempts, with that reason), hands the others back, and makes the process
 * exit with {@link #TASK_EXITED} rather than the status the task chose: a supervisor sees a crash, not a clean
 * stop. Runtime.halt and SIGKILL run no hook; those tasks are recovered when their leases expire, counted against
 * the job's recoveries.
 */
final class ExitWatch {

    private static final Logger LOG = LoggerFactory.getLogger(ExitWatch.class);

    /** The runner's exit code when a task called System.exit. */
    static final int TASK_EXITED = dev.scatter.cli.ExitCodes.TASK_EXITED;

    private final Broker broker;
    private final Holdings holdings;
    private final Settler settler;
    private final BooleanSupplier stoppedOnPurpose;
    private final Thread hook = new Thread(this::onExit, "scatter-exit-watch");

    ExitWatch(Broker broker, Holdings holdings, Settler settler, BooleanSupplier stoppedOnPurpose) {
        this.broker = broker;
        this.holdings = holdings;
        this.settler = settler;
        this.stoppedOnPurpose = stoppedOnPurpose;
    }

    void install() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    void uninstall() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyExiting) {
            // the hook is running or has run
        }
    }

    private void onExit() {
        if (stoppedOnPurpose.getAsBoolean()) {
            return;
        }
        // Results already computed go first: the settler's thread still runs while the JVM exits.
        long flushBy = System.nanoTime() + 3_000_000_000L;
        while (!settler.isDrained() && System.nanoTime() < flushBy) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                break;
            }
        }
        List<Work> held = new ArrayList<>(holdings.all());
        Work culprit = null;
        for (Work work : held) {
            Thread thread = work.thread;
            if (thread != null && callsExit(thread)) {
                culprit = work;
            }
        }
        LOG.error("the JVM is exiting while the runner runs, with {} tasks held{}: {}", held.size(),
                culprit == null ? "" : "; task " + culprit.task.describe() + " called System.exit",
                held.stream().map(w -> w.task.describe()).toList());
        Map<String, List<ClaimedTask>> back = new LinkedHashMap<>();
        for (Work work : held) {
            if (work != culprit && !work.isFinished()) {
                back.computeIfAbsent(work.task.job().queue(), q -> new ArrayList<>()).add(work.task);
            }
        }
        try {
            if (culprit != null) {
                broker.queue(culprit.task.job().queue()).fail(List.of(TaskFailure.retryable(culprit.task,
                        "the task called System.exit, which stopped its runner")));
            }
            for (Map.Entry<String, List<ClaimedTask>> e : back.entrySet()) {
                broker.queue(e.getKey()).release(e.getValue());
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot report the held tasks ({}); their leases will expire", e.getMessage());
        }
        if (culprit != null) {
            Runtime.getRuntime().halt(TASK_EXITED);
        }
    }

    private static boolean callsExit(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            String type = frame.getClassName();
            if (type.equals("java.lang.Shutdown")
                    || (type.equals("java.lang.Runtime") && frame.getMethodName().equals("exit"))) {
                return true;
            }
        }
        return false;
    }
}
