package dev.scatter.submit;

import dev.scatter.broker.JobId;
import dev.scatter.broker.JobState;
import dev.scatter.broker.JobStatus;
import dev.scatter.cli.ExitCodes;
import dev.scatter.submit.plot.PlotException;
import dev.scatter.submit.plot.PlotJob;
import dev.scatter.submit.plot.Plotter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code submit result JOB [--plot FILE] [--out FILE]}. */
@Command(name = "result", mixinStandardHelpOptions = true,
        description = {"Prints a finished job's result.",
            "Exits 0 when the job succeeded, 1 when it failed or was cancelled, 5 while it is still running."})
final class ResultCommand extends OneJobCommand {

    @Option(names = "--plot", paramLabel = "FILE",
            description = {"Also draw the result into FILE, PNG or SVG by its extension: for pi the running estimate"
                + " with its 95%% band; for sweep the mean score over the grid (a heatmap over two parameters, error"
                + " bars over one); for cmd each metric's distribution."})
    private Path plot;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Also write the job to FILE, by its extension: .json (the job and its result), .jsonl (a line"
                + " per task) or .csv (a row per task: parameters, state, duration, metrics).")
    private Path out;

    @Override
    void before(JobId id) {
        if (plot != null) {
            usage(() -> Plotter.check(plot));
        }
        ResultFiles.check(out, null, null);
    }

    @Override
    int run(Session session, JobId id) {
        JobStatus status = JobCommandSupport.find(session.broker(), id);
        if (plot != null) {
            usage(() -> Plotter.check(status.kind(), plot));
        }
        if (status.isBroken()) {
            throw JobWaiter.brokenRecord(status);
        }
        if (!status.state().isTerminal()) {
            throw new CliException(ExitCodes.TIMEOUT, "job " + id + " is " + status.state().wire() + " ("
                    + status.done() + "/" + status.total() + " tasks done): no result yet; 'submit wait " + id
                    + "' waits for it");
        }
        boolean plotted = false;
        if (plot != null && status.state() == JobState.SUCCEEDED && status.result() != null) {
            // Drawn before anything is printed, so that a result that cannot be drawn prints nothing.
            usage(() -> Plotter.plot(new PlotJob(id.toString(), status.kind(),
                    JobJson.parse(status.paramsJson()), JobJson.parse(status.result())), plot));
            plotted = true;
        }
        ResultFiles.write(session.broker(), status, out, null, root.json, err());
        JobLauncher.print(status, root.json, out());
        if (plot != null && !plotted) {
            err().println(spec.qualifiedName() + ": no plot: job " + id + " "
                    + status.state().wire() + " and has no result to draw");
        } else if (plotted && !root.json) {
            err().println(spec.qualifiedName() + ": plot written to " + plot);
        }
        return JobLauncher.exitCode(status);
    }

    /** Runs a plotting step, turning what the user can fix into the usage exit code. */
    private static void usage(Runnable step) {
        try {
            step.run();
        } catch (PlotException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
    }
}
