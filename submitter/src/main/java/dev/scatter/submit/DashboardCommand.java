package dev.scatter.submit;

import dev.scatter.broker.JobId;
import dev.scatter.cli.Bounds;
import dev.scatter.cli.ExitCodes;
import dev.scatter.dashboard.Dashboard;
import dev.scatter.dashboard.DashboardSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code submit dashboard}: serves the web dashboard until stopped (Ctrl-C, SIGTERM). */
@Command(name = "dashboard", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serves the web dashboard: queues, jobs, runners and results, live (docs/dashboard.md).",
            "It listens on 127.0.0.1 unless --bind says otherwise; another address needs --read-only or a token."})
final class DashboardCommand implements Callable<Integer> {

    static final String TOKEN_ENV = "SCATTER_DASHBOARD_TOKEN";

    @ParentCommand
    private SubmitCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + DashboardSettings.DEFAULT_PORT,
            description = "Port to listen on, 0 to 65535 (0: any free one). Default: ${DEFAULT-VALUE}.")
    private int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = DashboardSettings.DEFAULT_BIND,
            description = "Address to listen on. Default: ${DEFAULT-VALUE} (this host only).")
    private String bind;

    @Option(names = "--queue", paramLabel = "NAME", converter = Bounds.Queue.class, split = ",",
            defaultValue = JobId.DEFAULT_QUEUE,
            description = "Queues to show (repeat or separate with commas); queues that live runners serve are"
                    + " added. Default: ${DEFAULT-VALUE}.")
    private List<String> queues;

    @Option(names = "--read-only", description = "Show only: no cancel or retry.")
    private boolean readOnly;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File holding the token that cancel and retry need (at least 16 characters); default: the "
                    + TOKEN_ENV + " environment variable, else one made for this process and given to its own pages.")
    private Path tokenFile;

    @Override
    public Integer call() throws InterruptedException {
        DashboardSettings settings = settings();
        try (Session session = Session.connect(root, "dashboard")) {
            session.broker().ping();
            Dashboard dashboard;
            try {
                // The kinds submit knows, SCATTER_PLUGINS' among them: each shows its jobs as it says.
                dashboard = Dashboard.start(session.broker(), settings, root.kinds);
            } catch (UncheckedIOException e) {
                throw new CliException(ExitCodes.USAGE, e.getMessage() + " (choose another with --port)");
            }
            try (dashboard) {
                PrintWriter out = spec.commandLine().getOut();
                if (root.json) {
                    out.println(JobJson.write(JobJson.MAPPER.createObjectNode().put("url", dashboard.url())));
                } else {
                    out.println("dashboard: " + dashboard.url() + "   (Ctrl-C to stop)");
                }
                out.flush();
                CountDownLatch stopped = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "dashboard-stop"));
                stopped.await();
            }
        }
        return ExitCodes.OK;
    }

    private DashboardSettings settings() {
        String token = root.env.get(TOKEN_ENV);
        if (tokenFile != null) {
            try {
                token = Files.readString(tokenFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliException(ExitCodes.USAGE, "--token-file " + tokenFile + " cannot be read: " + e.getMessage());
            }
        }
        if (token != null && token.isBlank()) {
            token = null;
        }
        try {
            return new DashboardSettings(bind, port, queues, readOnly, token);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
    }
}
