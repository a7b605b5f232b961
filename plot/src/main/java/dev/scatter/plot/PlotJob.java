package dev.scatter.plot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/** What a plot is drawn from: a finished job's id, kind, parameters and result. */
public record PlotJob(String id, String kind, JsonNode params, JsonNode result) {

    public PlotJob {
        params = params == null ? MissingNode.getInstance() : params;
        result = result == null ? MissingNode.getInstance() : result;
    }
}
