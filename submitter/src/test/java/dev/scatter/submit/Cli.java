package dev.scatter.submit;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/** Runs {@code submit} in this process with an environment of the test's choosing, capturing what it prints. */
final class Cli {

    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Map<String, String> env = new HashMap<>();

    static Cli withRedis(String uri) {
        Cli cli = new Cli();
        cli.env.put("REDIS_URL", uri);
        return cli;
    }

    /** No Redis, and a local mode that keeps nothing (no store in the working directory). */
    static Cli withoutRedis() {
        Cli cli = new Cli();
        cli.env.put("SCATTER_LOCAL_DIR", "none");
        return cli;
    }

    /** No Redis, and a local mode that keeps its jobs in the store {@code dir}. */
    static Cli inStore(java.nio.file.Path dir) {
        Cli cli = new Cli();
        cli.env.put("SCATTER_LOCAL_DIR", dir.toString());
        return cli;
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SubmitCli.create(new PrintWriter(out, true), new PrintWriter(err, true), env).execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
