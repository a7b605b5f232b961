package dev.scatter.submit;

import dev.scatter.broker.Broker;
import dev.scatter.broker.JobState;
import dev.scatter.broker.JobStatus;
import dev.scatter.cli.ExitCodes;
import dev.scatter.submit.plot.PlotException;
import dev.scatter.submit.plot.PlotJob;
import dev.scatter.submit.plot.Plotter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code --out FILE} and {@code --plot FILE}: a finished job written to a file, by the file's extension, and drawn.
 * {@code .json} is the job as {@code --json} prints it (state, counters, parameters, result); {@code .jsonl} is a
 * line per task, as {@code submit tasks --json} gives them; {@code .csv} is a row per task, as
 * {@code submit tasks --csv}. Both are checked before anything runs, so bad input costs nothing.
 */
final class ResultFiles {

    static final List<String> OUT_EXTENSIONS = List.of(".json", ".jsonl", ".csv");

    private ResultFiles() {
    }

    /** Checks --out and --plot (either may be null) for a job of {@code kind} (null: not known yet). */
    static void check(Path out, Path plot, String kind) {
        if (out != null) {
            extension(out);
            Path folder = out.toAbsolutePath().getParent();
            if (folder == null || !Files.isDirectory(folder)) {
                throw new CliException(ExitCodes.USAGE, "--out " + out + ": there is no folder " + folder);
            }
            if (!Files.isWritable(folder)) {
                throw new CliException(ExitCodes.USAGE, "--out " + out + ": the folder " + folder + " is not writable");
            }
        }
        if (plot != null) {
            try {
                Plotter.check(kind, plot);
            } catch (PlotException e) {
                throw new CliException(ExitCodes.USAGE, "--plot " + plot + ": " + e.getMessage());
            }
        }
    }

    /**
     * Writes the ended job to --out and draws it to --plot, saying so on stderr (unless quiet). The plot needs a
     * result: a job that failed or was cancelled is written, not drawn, and that is said.
     */
    static void write(Broker broker, JobStatus job, Path out, Path plot, boolean quiet, PrintWriter err) {
        if (plot != null) {
            if (job.state() == JobState.SUCCEEDED && job.result() != null) {
                try {
                    Plotter.plot(new PlotJob(job.id().toString(), job.kind(), JobJson.parse(job.paramsJson()),
                            JobJson.parse(job.result())), plot);
                } catch (PlotException e) {
                    throw new CliException(ExitCodes.USAGE, "--plot " + plot + ": " + e.getMessage());
                }
                if (!quiet) {
                    err.println("submit: plot written to " + plot);
                }
            } else {
                err.println("submit: no plot: job " + job.id() + " " + job.state().wire() + " and has no result to draw");
            }
        }
        if (out != null) {
            String text = switch (extension(out)) {
                case ".json" -> JobJson.write(JobJson.job(job)) + "\n";
                case ".jsonl" -> lines(TaskRow.read(broker, job));
                default -> TaskTable.csv(TaskRow.read(broker, job));
            };
            try {
                Files.writeString(out, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliException(ExitCodes.USAGE, "--out " + out + ": cannot write it: " + e.getMessage());
            }
            if (!quiet) {
                err.println("submit: " + (extension(out).equals(".json") ? "job" : "tasks") + " written to " + out);
            }
        }
    }

    private static String lines(List<TaskRow> rows) {
        StringBuilder text = new StringBuilder();
        for (TaskRow row : rows) {
            text.append(row.toJson().toString()).append('\n');
        }
        return text.toString();
    }

    private static String extension(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String ext : List.of(".jsonl", ".json", ".csv")) {
            if (name.endsWith(ext) && name.length() > ext.length()) {
                return ext;
            }
        }
        int dot = name.lastIndexOf('.');
        throw new CliException(ExitCodes.USAGE, "--out " + file + ": " + (dot < 0 ? "no extension" : "unknown extension '"
                + name.substring(dot) + "'") + ": use .json (the job and its result), .jsonl (a line per task) or .csv"
                + " (a row per task)");
    }
}
