package dev.scatter.submit;

import dev.scatter.broker.Broker;
import dev.scatter.dashboard.Dashboard;
import dev.scatter.dashboard.DashboardSettings;
import dev.scatter.task.TaskKinds;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The dashboard of a job command's {@code --dashboard}: on 127.0.0.1, for the job's duration, its URL printed
 * before the progress bar (as Ray and Dask do); after the job it stays up until Enter (or the end of the input)
 * or Ctrl-C, so that the result can be looked at.
 */
final class LocalDashboard implements AutoCloseable {

    private final Dashboard dashboard;

    private LocalDashboard(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    /** Checks the port before anything starts: bad input costs nothing. */
    static void check(int port) {
        if (port < 0 || port > 65_535) {
            throw new CliException(dev.scatter.cli.ExitCodes.USAGE, "--dashboard-port must be from 0 to 65535, not " + port);
        }
    }

    /**
     * Serves the queue's dashboard on the port, or on any free one when that one is taken, showing results as
     * {@code kinds} (the job's, a plug-in's among them) say.
     */
    static LocalDashboard start(Broker broker, TaskKinds kinds, String queue, int port, PrintWriter err) {
        DashboardSettings settings = DashboardSettings.local(List.of(queue)).withPort(port);
        Dashboard dashboard;
        try {
            dashboard = Dashboard.start(broker, settings, kinds);
        } catch (UncheckedIOException taken) {
            dashboard = Dashboard.start(broker, settings.withPort(0), kinds);
        }
        err.println("submit: dashboard at " + dashboard.url());
        err.flush();
        return new LocalDashboard(dashboard);
    }

    String url() {
        return dashboard.url();
    }

    /** After the job: serves on until a line (or the end) of the input; Ctrl-C ends the process meanwhile. */
    void holdUntilEnter(InputStream in, PrintWriter err) {
        err.println("submit: the dashboard stays up at " + dashboard.url() + ": press Enter (or Ctrl-C) to stop");
        err.flush();
        try {
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            // No input to wait on: stop now.
        }
    }

    @Override
    public void close() {
        dashboard.close();
    }
}
