package dev.scatter.kinds.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.scatter.task.SplitMix64;
import java.util.List;

/** What one parameter of a sweep ranges over: a list of values, or, for random search only, a distribution. */
sealed interface ParamSpace permits ParamSpace.Values, ParamSpace.Distribution {

    /** Values tried in turn by a grid, or drawn from uniformly by random search. */
    record Values(List<JsonNode> values) implements ParamSpace {
    }

    /**
     * {@code uniform(a,b)}: a real number in [a, b); {@code loguniform(a,b)}: one whose logarithm is uniform (as
     * scipy's loguniform); {@code randint(a,b)}: a whole number from a to b − 1 (as scipy's randint).
     */
    record Distribution(String kind, double low, double high) implements ParamSpace {

        JsonNode sample(SplitMix64 random) {
            return switch (kind) {
                case "uniform" -> JsonNodeFactory.instance.numberNode(low + (high - low) * random.nextDouble());
                // StrictMath: the same draws on every JVM.
                case "loguniform" -> JsonNodeFactory.instance.numberNode(StrictMath.exp(StrictMath.log(low)
                        + (StrictMath.log(high) - StrictMath.log(low)) * random.nextDouble()));
                case "randint" -> JsonNodeFactory.instance.numberNode((long) low + random.nextBelow((long) (high - low)));
                default -> throw new IllegalStateException(kind);
            };
        }

        @Override
        public String toString() {
            return kind + "(" + GridParser.format(low) + "," + GridParser.format(high) + ")";
        }
    }
}
