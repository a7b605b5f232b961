package dev.scatter.submit.plot;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Job results of each kind with plottable shapes, built as the kinds' reducers would, without running them. */
final class Results {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Results() {
    }

    /** A pi job of the given tasks, each counting {@code perTask} samples, its counts drawn near the truth. */
    static ObjectNode pi(int tasks, long perTask, long seed) {
        Random random = new Random(seed);
        double p = Math.PI / 4;
        ObjectNode result = JSON.objectNode();
        ArrayNode running = result.putArray("running");
        long inside = 0;
        long samples = 0;
        for (int i = 1; i <= tasks; i++) {
            inside += Math.round(perTask * p + random.nextGaussian() * Math.sqrt(perTask * p * (1 - p)));
            samples += perTask;
            double q = (double) inside / samples;
            double half = 1.96 * 4 * Math.sqrt(q * (1 - q) / samples);
            running.addObject().put("tasks", i).put("samples", samples).put("estimate", 4 * q)
                    .put("low", 4 * q - half).put("high", 4 * q + half);
        }
        double q = (double) inside / samples;
        result.put("estimate", 4 * q).put("stdError", 4 * Math.sqrt(q * (1 - q) / samples))
                .put("samples", samples).put("inside", inside).put("tasks", tasks).put("seed", seed);
        return result;
    }

    /**
     * A sweep over the full grid of the given parameters (name to values, numbers or strings), each cell scored
     * by a smooth made-up function of its values over five folds.
     */
    static ObjectNode sweep(Map<String, List<Object>> grid) {
        ObjectNode result = JSON.objectNode();
        ArrayNode cells = result.putArray("cells");
        List<String> names = List.copyOf(grid.keySet());
        int total = grid.values().stream().mapToInt(List::size).reduce(1, (a, b) -> a * b);
        Random random = new Random(1);
        ObjectNode best = null;
        for (int index = 0; index < total; index++) {
            ObjectNode cell = JSON.objectNode();
            ObjectNode params = cell.putObject("params");
            double quality = 0.6;
            int rest = index;
            for (int n = names.size() - 1; n >= 0; n--) {
                List<Object> values = grid.get(names.get(n));
                Object value = values.get(rest % values.size());
                rest /= values.size();
                if (value instanceof Number number) {
                    params.put(names.get(n), number.doubleValue());
                    quality += 0.3 / names.size()
                            * Math.exp(-Math.pow(Math.log10(Math.abs(number.doubleValue()) + 1e-9) - 0.3 + n, 2));
                } else {
                    params.put(names.get(n), value.toString());
                    quality += Math.floorMod(value.toString().hashCode(), 5) * 0.02;
                }
            }
            ArrayNode scores = cell.putArray("scores");
            ArrayNode fits = cell.putArray("fitSeconds");
            double sum = 0;
            double squares = 0;
            for (int f = 0; f < 5; f++) {
                double s = Math.min(1, quality + random.nextGaussian() * 0.02);
                scores.add(s);
                fits.add(0.01 + random.nextDouble() * 0.01);
                sum += s;
                squares += s * s;
            }
            double mean = sum / 5;
            cell.put("meanScore", mean).put("stdScore", Math.sqrt(Math.max(0, squares / 5 - mean * mean)));
            cells.add(cell);
            if (best == null || mean > best.get("meanScore").asDouble()) {
                best = cell;
            }
        }
        int rank = 1;
        for (var c : cells) {
            ((ObjectNode) c).put("rank", rank++);
        }
        result.set("best", best);
        result.put("scoring", "accuracy");
        return result;
    }

    /** A command sweep: a continuous metric, an integer one, a constant one, and two failed tasks. */
    static ObjectNode commands(int tasks) {
        Random random = new Random(3);
        ObjectNode result = JSON.objectNode();
        result.put("tasks", tasks).put("succeeded", tasks - 2).put("failedCount", 2);
        ObjectNode metrics = result.putObject("metrics");
        metric(metrics, "loss", tasks - 2, () -> 0.3 + random.nextGaussian() * 0.05);
        metric(metrics, "accuracy", tasks - 2, () -> Math.min(1, 0.9 + random.nextGaussian() * 0.02));
        metric(metrics, "epochs", tasks - 2, () -> (double) (8 + random.nextInt(5)));
        metric(metrics, "batch_size", tasks - 2, () -> 64.0);
        ArrayNode failed = result.putArray("failed");
        failed.addObject().put("task", 3).put("exitCode", 1);
        failed.addObject().put("task", 17).put("exitCode", 137);
        return result;
    }

    private static void metric(ObjectNode metrics, String name, int n, java.util.function.DoubleSupplier draw) {
        ArrayNode values = JSON.arrayNode();
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = draw.getAsDouble();
            values.add(xs[i]);
            sum += xs[i];
            min = Math.min(min, xs[i]);
            max = Math.max(max, xs[i]);
        }
        double mean = sum / n;
        double squares = 0;
        for (double x : xs) {
            squares += (x - mean) * (x - mean);
        }
        ObjectNode m = metrics.putObject(name);
        m.put("mean", mean).put("std", n > 1 ? Math.sqrt(squares / (n - 1)) : 0).put("min", min).put("max", max)
                .put("count", n);
        m.set("values", values);
    }
}
