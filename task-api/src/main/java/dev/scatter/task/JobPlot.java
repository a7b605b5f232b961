package dev.scatter.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;

/** A kind's plot: draws a finished job's result into an image file. */
public interface JobPlot {

    /**
     * Draws the job into {@code file}, replacing what is there, as PNG or SVG by its extension (which the caller
     * has checked).
     *
     * @param id     the job, as users write it
     * @param params its parameters
     * @param result its result
     */
    void draw(String id, JsonNode params, JsonNode result, Path file) throws IOException;
}
