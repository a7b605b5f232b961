package dev.scatter.submit.plot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Draws a finished job's result into a PNG or SVG file, by the job's kind. Every problem the user can act on
 * (a kind with no plot, a file name with another extension, a folder that is not there) is a
 * {@link PlotException} with a one-line message.
 */
public final class Plotter {

    static {
        // Plots are files, never windows: without this AWT would look for a display, which servers and CI lack.
        // It must be set before AWT initialises, hence here, before any chart class is touched.
        System.setProperty("java.awt.headless", "true");
    }

    private static final Map<String, Function<PlotJob, Figure>> KINDS = Map.of(
            "pi", job -> PiPlot.figure(job.id(), job.result()),
            "sweep", SweepPlot::figure,
            "cmd", CommandPlot::figure);

    private Plotter() {
    }

    /** The kinds that have a plot, for messages. */
    public static List<String> kinds() {
        return List.of("pi", "sweep", "cmd");
    }

    /** Checks, before any work, that a job of this kind can be plotted into this file. */
    public static PlotFormat check(String kind, Path file) {
        PlotFormat format = check(file);
        if (kind != null && !KINDS.containsKey(kind)) {
            throw new PlotException("there is no plot for jobs of kind '" + kind + "' (plots exist for "
                    + String.join(", ", kinds()) + ")");
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
    public static void plot(PlotJob job, Path file) {
        check(job.kind(), file);
        Figure figure = KINDS.get(job.kind()).apply(job);
        try {
            ChartFiles.write(figure, file);
        } catch (NoSuchFileException e) {
            throw new PlotException("cannot write the plot to " + file + ": no such file or folder");
        } catch (IOException e) {
            throw new PlotException("cannot write the plot to " + file + ": " + e.getMessage());
        }
    }
}
