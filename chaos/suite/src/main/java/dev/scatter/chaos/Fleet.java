package dev.scatter.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Runner processes kept running as an orchestrator keeps them: each slot holds one runner; one the suite kills
 * or terminates is replaced at once, and one that dies on its own (a poison task ended it) is replaced within
 * 50 ms and counted as a death.
 */
public final class Fleet implements AutoCloseable {

    private final Path logDir;
    private final List<Slot> slots = new CopyOnWriteArrayList<>();
    private final Thread supervisor;
    private volatile boolean closed;
    private int deaths;
    private int started;

    private static final class Slot {
        final String name;
        RunnerLaunch launch;
        volatile RunnerProcess current;
        int generation;
        /** Kept down by the suite: not replaced. */
        boolean down;

        Slot(String name, RunnerLaunch launch) {
            this.name = name;
            this.launch = launch;
        }
    }

    private final Thread shutdownHook;

    public Fleet(Path logDir) {
        this.logDir = logDir;
        this.supervisor = new Thread(this::supervise, "chaos-fleet-supervisor");
        supervisor.setDaemon(true);
        supervisor.start();
        // Runners outliving the suite (stopped with Ctrl-C) would keep claiming from a Redis that is gone.
        this.shutdownHook = new Thread(this::killAll, "chaos-fleet-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private void killAll() {
        closed = true;
        // No lock: the suite's thread may hold the fleet's while it waits for a runner to stop.
        slots.stream().map(s -> s.current).filter(p -> p != null).forEach(RunnerProcess::close);
    }

    /** Starts a runner in a new slot and returns the slot's index. */
    public synchronized int add(String name, RunnerLaunch launch) {
        Slot slot = new Slot(name, launch);
        slots.add(slot);
        startIn(slot);
        return slots.size() - 1;
    }

    public synchronized int size() {
        return slots.size();
    }

    public synchronized RunnerProcess runner(int slot) {
        return slots.get(slot).current;
    }

    /** SIGKILL to the slot's runner, and a replacement started at once. */
    public synchronized RunnerProcess killAndReplace(int slot) {
        Slot s = slots.get(slot);
        s.current.kill();
        return startIn(s);
    }

    /** SIGKILL to the slot's runner, which stays down until {@link #restart}. */
    public synchronized void killOnly(int slot) {
        Slot s = slots.get(slot);
        s.down = true;
        s.current.kill();
    }

    /** SIGTERM to the slot's runner, which stays down; returns the exit code, -1 if it had to be killed. */
    public synchronized int terminateOnly(int slot, long timeoutSeconds) {
        Slot s = slots.get(slot);
        s.down = true;
        int exit = s.current.terminate(timeoutSeconds);
        if (exit == -1) {
            s.current.kill();
        }
        return exit;
    }

    /** Starts the slot's runner again, with a changed launch (another clock, say). */
    public synchronized RunnerProcess restart(int slot, RunnerLaunch launch) {
        Slot s = slots.get(slot);
        if (s.current != null && s.current.isAlive()) {
            s.current.kill();
        }
        s.launch = launch;
        s.down = false;
        return startIn(s);
    }

    /**
     * SIGTERM to the slot's runner; once it has exited (or after the timeout, then SIGKILL), a replacement is
     * started. Returns the exit code, -1 if it had to be killed.
     */
    public synchronized int terminateAndReplace(int slot, long timeoutSeconds) {
        Slot s = slots.get(slot);
        int exit = s.current.terminate(timeoutSeconds);
        if (exit == -1) {
            s.current.kill();
        }
        startIn(s);
        return exit;
    }

    /** Runners that exited without the suite asking them to. */
    public synchronized int deaths() {
        return deaths;
    }

    /** Runner processes started, replacements included. */
    public synchronized int started() {
        return started;
    }

    private RunnerProcess startIn(Slot slot) {
        slot.generation++;
        slot.current = RunnerProcess.start(slot.launch, slot.name + "-" + slot.generation, logDir);
        started++;
        return slot.current;
    }

    private void supervise() {
        while (!closed) {
            synchronized (this) {
                for (Slot slot : slots) {
                    if (slot.current != null && !slot.current.isAlive() && !slot.down && !closed) {
                        deaths++;
                        try {
                            startIn(slot);
                        } catch (RuntimeException e) {
                            // An orchestrator tries again; so does this one, a beat later, rather than stopping.
                            System.err.println("chaos: cannot replace a runner (" + e.getMessage() + "); trying again");
                            deaths--;
                        }
                    }
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A violation for each runner that died on its own: the fault was not one that should kill runners. */
    public synchronized void checkAlive(Findings findings) {
        findings.check(deaths == 0, deaths + " runners died on their own during the case");
    }

    /** The last lines of every runner log, for a failure message. */
    public String logTails(int lines) {
        StringBuilder out = new StringBuilder("runner logs in ").append(logDir).append('\n');
        try (Stream<Path> logs = Files.list(logDir)) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
                out.append("--- ").append(log.getFileName()).append('\n');
                all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> out.append(l).append('\n'));
            }
        } catch (IOException e) {
            out.append("(logs unreadable: ").append(e.getMessage()).append(")\n");
        }
        return out.toString();
    }

    @Override
    public void close() {
        closed = true;
        supervisor.interrupt();
        try {
            supervisor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            for (Slot slot : slots) {
                if (slot.current != null) {
                    slot.current.close();
                }
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it kills the runners itself
        }
    }
}
