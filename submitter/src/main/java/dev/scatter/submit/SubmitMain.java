package dev.scatter.submit;

import java.io.PrintWriter;

/** The entry point of {@code submit}. */
public final class SubmitMain {

    private SubmitMain() {
    }

    public static void main(String[] args) {
        System.setProperty("scatter.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        // Through the log, whose encoder scrubs secrets, rather than straight to stderr as the JVM would.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) ->
                org.slf4j.LoggerFactory.getLogger(SubmitMain.class).error("thread {} died", thread.getName(), e));
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = SubmitCli.create(out, err, System.getenv()).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
