package dev.scatter.submit.plot;

import dev.scatter.plot.PlotException;
import dev.scatter.plot.PlotFormat;
import dev.scatter.plot.PlotJob;
import dev.scatter.task.JobPlot;
import dev.scatter.task.TaskKinds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Draws a finished job's result into a PNG or SVG file with its kind's plot ({@code TaskKind.plot}). Every problem
 * the user can act on (a kind with no plot, a file name with another extension, a folder that is not there) is a
 * {@link PlotException} with a one-line message.
 */
public final class Plotter {

    static {
        // Plots are files, never windows: without this AWT would look for a display, which servers and CI lack.
        // It must be set before AWT initialises, hence here, before any chart class is touched.
        System.setProperty("java.awt.headless", "true");
    }

    private Plotter() {
    }

    /** The kinds that have a plot, for messages. */
    public static List<String> kinds(TaskKinds kinds) {
        return kinds.names().stream().filter(name -> kinds.find(name).orElseThrow().plot() != null).toList();
    }

    /** Checks, before any work, that a job of this kind can be plotted into this file. */
    public static PlotFormat check(TaskKinds kinds, String kind, Path file) {
        PlotFormat format = check(file);
        if (kind != null) {
            plotOf(kinds, kind);
        }
        return format;
    }

    /** Checks the file alone: its extension names a format and its folder exists. */
    public static PlotFormat check(Path file) {
        PlotFormat format = PlotFormat.of(file);
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new PlotException("cannot write the plot to " + file + ": there is no folder " + folder);
        }
        return format;
    }

    /** Draws the job's result into the file, replacing what is there. */
    public static void plot(TaskKinds kinds, PlotJob job, Path file) {
        check(file);
        JobPlot plot = plotOf(kinds, job.kind());
        try {
            plot.draw(job.id(), job.params(), job.result(), file);
        } catch (NoSuchFileException e) {
            throw new PlotException("cannot write the plot to " + file + ": no such file or folder");
        } catch (IOException e) {
            throw new PlotException("cannot write the plot to " + file + ": " + e.getMessage());
        }
    }

    private static JobPlot plotOf(TaskKinds kinds, String kind) {
        JobPlot plot = kinds.find(kind).map(k -> k.plot()).orElse(null);
        if (plot == null) {
            throw new PlotException("there is no plot for jobs of kind '" + kind + "' (plots exist for "
                    + String.join(", ", kinds(kinds)) + ")");
        }
        return plot;
    }
}
