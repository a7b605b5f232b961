package dev.scatter.runner;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * The runner's command line in this process, as a test drives it: what it prints on its own streams, what it
 * logs (to System.err, captured for the run), and its exit code. A run that serves Redis is stopped as SIGTERM
 * would, by {@link Started#stop()}.
 */
final class RunnerCli {

    record Run(int exitCode, String out, String err, String log) {
        /** Everything the runner wrote, on any stream. */
        String all() {
            return out + err + log;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err + "--- log\n" + log;
        }
    }

    private final Map<String, String> env = new HashMap<>();

    static RunnerCli withEnv(Map<String, String> env) {
        RunnerCli cli = new RunnerCli();
        cli.env.putAll(env);
        return cli;
    }

    /** Runs a command line that ends by itself (bad input, refused credentials). */
    Run run(String... args) throws InterruptedException {
        Started started = start(args);
        if (!started.done.await(60, TimeUnit.SECONDS)) {
            started.stop();
            throw new AssertionError("the runner did not end by itself:\n" + started.finish());
        }
        return started.finish();
    }

    /** Starts the runner in a thread of its own. */
    Started start(String... args) {
        return new Started(env, args);
    }

    static final class Started {
        private final CountDownLatch stop = new CountDownLatch(1);
        private final CountDownLatch done = new CountDownLatch(1);
        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();
        private final ByteArrayOutputStream log = new ByteArrayOutputStream();
        private final PrintStream realErr = System.err;
        private volatile int exitCode = -1;

        private Started(Map<String, String> env, String[] args) {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            Thread thread = new Thread(() -> {
                try {
                    exitCode = RunnerMain.commandLine(env, stop, new PrintWriter(out, true), new PrintWriter(err, true))
                            .execute(args);
                } finally {
                    done.countDown();
                }
            }, "runner-under-test");
            thread.start();
        }

        /** What it logged so far. */
        String log() {
            return log.toString(StandardCharsets.UTF_8);
        }

        boolean ended() {
            return done.getCount() == 0;
        }

        /** Asks it to stop, as SIGTERM does, and waits for it. */
        Run stop() throws InterruptedException {
            stop.countDown();
            if (!done.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the runner did not stop:\n" + log());
            }
            return finish();
        }

        private Run finish() {
            System.setErr(realErr);
            // The runner set up its own logging; the tests after this one get theirs back.
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            context.reset();
            try {
                new ContextInitializer(context).autoConfig();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return new Run(exitCode, out.toString(), err.toString(), log());
        }
    }
}
