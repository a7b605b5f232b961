package dev.scatter.kinds.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.task.InvalidParametersException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values each task of a command sweep fills into the command: the cartesian product of its axes, the last
 * axis varying fastest (as Python's itertools.product). An axis is a list of values or an integer range, so a
 * sweep over a million seeds is two numbers in the job's parameters, not a million.
 */
public final class CommandGrid {

    /** One axis: a name and either explicit values or the integers from..to. */
    public record Axis(String name, List<String> values, long from, long to) {
        long size() {
            return values != null ? values.size() : to - from + 1;
        }

        String valueAt(long i) {
            return values != null ? values.get((int) i) : Long.toString(from + i);
        }

        JsonNode toJson() {
            ObjectNode node = JsonNodeFactory.instance.objectNode().put("name", name);
            if (values != null) {
                ArrayNode array = node.putArray("values");
                values.forEach(array::add);
            } else {
                node.put("from", from).put("to", to);
            }
            return node;
        }
    }

    private final List<Axis> axes;

    public CommandGrid(List<Axis> axes) {
        this.axes = List.copyOf(axes);
    }

    public static Axis values(String name, List<String> values) {
        return new Axis(name, List.copyOf(values), 0, 0);
    }

    public static Axis range(String name, long from, long to) {
        return new Axis(name, null, from, to);
    }

    public static CommandGrid fromJson(JsonNode axesNode) {
        if (axesNode == null || !axesNode.isArray() || axesNode.isEmpty()) {
            throw new InvalidParametersException("a command sweep needs at least one parameter to vary");
        }
        List<Axis> axes = new ArrayList<>();
        for (JsonNode a : axesNode) {
            String name = a.path("name").asText("");
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new InvalidParametersException("parameter name '" + name + "' must be letters, digits or _");
            }
            if (a.has("values")) {
                List<String> values = new ArrayList<>();
                a.get("values").forEach(v -> values.add(v.asText()));
                if (values.isEmpty()) {
                    throw new InvalidParametersException("parameter " + name + " has no values");
                }
                axes.add(values(name, values));
            } else {
                long from = a.path("from").asLong();
                long to = a.path("to").asLong();
                if (to < from) {
                    throw new InvalidParametersException("range of " + name + " is empty: " + from + ".." + to);
                }
                axes.add(range(name, from, to));
            }
        }
        return new CommandGrid(axes);
    }

    public ArrayNode toJson() {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        axes.forEach(a -> array.add(a.toJson()));
        return array;
    }

    /** The number of tasks: the product of the axes' sizes. */
    public long size() {
        long size = 1;
        for (Axis a : axes) {
            size = Math.multiplyExact(size, a.size());
        }
        return size;
    }

    public List<String> names() {
        return axes.stream().map(Axis::name).toList();
    }

    /** The values of task {@code index}, by parameter name, in axis order. */
    public Map<String, String> valuesOf(long index) {
        String[] values = new String[axes.size()];
        long rest = index;
        for (int i = axes.size() - 1; i >= 0; i--) {
            Axis a = axes.get(i);
            values[i] = a.valueAt(rest % a.size());
            rest /= a.size();
        }
        Map<String, String> byName = new LinkedHashMap<>();
        for (int i = 0; i < axes.size(); i++) {
            byName.put(axes.get(i).name(), values[i]);
        }
        return byName;
    }
}
