package dev.scatter.plot;

import java.nio.file.Path;
import java.util.Locale;

/** The image formats a plot can be written in, chosen by the file's extension. */
public enum PlotFormat {
    PNG, SVG;

    /** The format named by the file's extension (any case), or a {@link PlotException} naming the choices. */
    public static PlotFormat of(Path file) {
        Path name = file.getFileName();
        String text = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        if (text.endsWith(".png")) {
            return PNG;
        }
        if (text.endsWith(".svg")) {
            return SVG;
        }
        throw new PlotException("cannot tell the image format of '" + file + "': the plot file must end in .png or .svg");
    }
}
