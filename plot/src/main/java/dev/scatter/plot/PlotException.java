package dev.scatter.plot;

/** A plot that cannot be drawn, for a reason the user can act on: one line, no stack trace. */
public final class PlotException extends IllegalArgumentException {

    public PlotException(String message) {
        super(message);
    }
}
