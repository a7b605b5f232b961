package dev.scatter.chaos.poison;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.task.InvalidParametersException;
import dev.scatter.task.TaskContext;
import java.util.concurrent.TimeUnit;

/**
 * Paced pi tasks ({@link PacedPiKind}), one of which is poison: it ends the runner that runs it, or never
 * returns. The fault suite uses it to check that such a task is quarantined after a bounded number of runner
 * deaths while the healthy tasks around it are counted exactly.
 *
 * <p>Parameters: those of paced-pi; {@code poison}, the index of the poison task; {@code mode}: {@code exit}
 * ({@code System.exit}, so shutdown hooks run), {@code halt} ({@code Runtime.halt}, no hooks), {@code kill} (a
 * child command sends SIGKILL to the runner), {@code hang} (the task never returns, whatever it is told).
 */
public final class PoisonKind extends PacedPiKind {

    public static final String NAME = "poison";
    /** The exit status of a runner that a poison task ended with exit or halt. */
    public static final int EXIT_STATUS = 86;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ObjectNode prepare(ObjectNode params, int tasks) {
        super.prepare(params, tasks);
        int poison = params.path("poison").asInt(-1);
        if (poison < 0 || poison >= tasks) {
            throw new InvalidParametersException("poison must be a task index, 0 to " + (tasks - 1));
        }
        Mode.of(params.path("mode").asText());
        return params;
    }

    @Override
    public JsonNode run(TaskContext task) throws Exception {
        if (task.index() == task.params().path("poison").asInt()) {
            Mode.of(task.params().path("mode").asText()).strike();
        }
        return super.run(task);
    }

    /** How the poison task strikes. */
    enum Mode {
        EXIT {
            @Override
            void strike() {
                System.exit(EXIT_STATUS);
            }
        },
        HALT {
            @Override
            void strike() {
                Runtime.getRuntime().halt(EXIT_STATUS);
            }
        },
        KILL {
            @Override
            void strike() throws Exception {
                long runner = ProcessHandle.current().pid();
                new ProcessBuilder("kill", "-KILL", Long.toString(runner)).inheritIO().start().waitFor();
                // SIGKILL is delivered asynchronously; never return a result in the meantime.
                TimeUnit.MINUTES.sleep(1);
            }
        },
        HANG {
            @Override
            void strike() {
                // Deaf to interrupts and stop requests, as a task stuck in native code or a tight loop is.
                while (true) {
                    try {
                        TimeUnit.DAYS.sleep(1);
                    } catch (InterruptedException ignored) {
                        // keep hanging
                    }
                }
            }
        };

        abstract void strike() throws Exception;

        static Mode of(String name) {
            for (Mode mode : values()) {
                if (mode.name().equalsIgnoreCase(name)) {
                    return mode;
                }
            }
            throw new InvalidParametersException("mode must be exit, halt, kill or hang, not '" + name + "'");
        }
    }
}
