package dev.scatter.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;

/**
 * A column of a table with a row per task (a listing of a job's tasks): its heading and the cell a task's partial
 * result gives.
 */
public record TaskColumn(String heading, Function<JsonNode, String> cell) {
}
