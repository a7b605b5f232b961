package dev.scatter.kinds.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a sweep parameter takes, as written after {@code --param NAME=} or in a sweep file: values
 * separated by commas, each a number, a word, or a range that expands to numbers:
 * <ul>
 * <li>{@code logspace(a,b,n)}: n numbers from 10^a to 10^b, evenly spaced in log (numpy.logspace);
 * <li>{@code linspace(a,b,n)}: n numbers from a to b, evenly spaced (numpy.linspace);
 * <li>{@code range(a,b[,step])}: the whole numbers a, a+step, ... below b (Python's range);
 * <li>{@code choice(x,y,...)}: the values listed (the same as {@code x,y,...});
 * </ul>
 * and, for random search only, alone: {@code uniform(a,b)}, {@code loguniform(a,b)}, {@code randint(a,b)}.
 * Problems are IllegalArgumentExceptions whose message the caller prefixes with where the text came from.
 */
final class GridParser {

    static final int MAX_VALUES = 100_000;
    private static final Pattern CALL = Pattern.compile("([A-Za-z_]\\w*)\\s*\\((.*)\\)", Pattern.DOTALL);
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String FUNCTIONS = "logspace(a,b,n), linspace(a,b,n), range(a,b[,step]), choice(x,y,...)"
            + " or, with --random, uniform(a,b), loguniform(a,b), randint(a,b)";

    private GridParser() {
    }

    /** {@code NAME=VALUES}, as given to --param. */
    static Map.Entry<String, ParamSpace> param(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--param takes NAME=VALUES (say C=0.1,1,10), not '" + text + "'");
        }
        String name = text.substring(0, eq).strip();
        return Map.entry(name, space(text.substring(eq + 1)));
    }

    /** What a parameter takes, from text such as {@code rbf,poly} or {@code logspace(-3,1,9)}. */
    static ParamSpace space(String text) {
        List<String> items = splitTopLevel(text);
        List<JsonNode> values = new ArrayList<>();
        for (String item : items) {
            ParamSpace space = item(item);
            if (space instanceof ParamSpace.Distribution) {
                if (items.size() > 1) {
                    throw new IllegalArgumentException(item.strip() + " is a distribution: it must stand alone");
                }
                return space;
            }
            values.addAll(((ParamSpace.Values) space).values());
            if (values.size() > MAX_VALUES) {
                throw new IllegalArgumentException("more than " + MAX_VALUES + " values");
            }
        }
        return new ParamSpace.Values(values);
    }

    /** One item: a number, a word, or a range or distribution call. */
    static ParamSpace item(String raw) {
        String text = raw.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("an empty value (two commas in a row, or nothing after '=')");
        }
        Matcher call = CALL.matcher(text);
        if (!call.matches()) {
            if (text.contains("(") || text.contains(")")) {
                throw new IllegalArgumentException("cannot read '" + text + "': use " + FUNCTIONS);
            }
            return new ParamSpace.Values(List.of(scalar(text)));
        }
        String function = call.group(1);
        List<String> args = splitTopLevel(call.group(2));
        switch (function) {
            case "logspace", "linspace" -> {
                arity(text, args, 3, 3);
                double a = number(text, args.get(0));
                double b = number(text, args.get(1));
                long n = whole(text, args.get(2));
                if (n < 1 || n > MAX_VALUES) {
                    throw new IllegalArgumentException(text + ": the count must be from 1 to " + MAX_VALUES);
                }
                List<JsonNode> values = new ArrayList<>();
                for (double v : linspace(a, b, (int) n)) {
                    values.add(JSON.numberNode(function.equals("logspace") ? Math.pow(10, v) : v));
                }
                return new ParamSpace.Values(values);
            }
            case "range" -> {
                arity(text, args, 2, 3);
                long a = whole(text, args.get(0));
                long b = whole(text, args.get(1));
                long step = args.size() == 3 ? whole(text, args.get(2)) : 1;
                if (step == 0) {
                    throw new IllegalArgumentException(text + ": the step cannot be 0");
                }
                List<JsonNode> values = new ArrayList<>();
                for (long v = a; step > 0 ? v < b : v > b; v += step) {
                    values.add(JSON.numberNode(v));
                    if (values.size() > MAX_VALUES) {
                        throw new IllegalArgumentException(text + ": more than " + MAX_VALUES + " values");
                    }
                }
                return new ParamSpace.Values(values);
            }
            case "choice" -> {
                List<JsonNode> values = new ArrayList<>();
                for (String arg : args) {
                    if (arg.isBlank() || CALL.matcher(arg.strip()).matches()) {
                        throw new IllegalArgumentException(text + ": choice takes plain values");
                    }
                    values.add(scalar(arg.strip()));
                }
                return new ParamSpace.Values(values);
            }
            case "uniform", "loguniform", "randint" -> {
                arity(text, args, 2, 2);
                boolean integers = function.equals("randint");
                double a = integers ? whole(text, args.get(0)) : number(text, args.get(0));
                double b = integers ? whole(text, args.get(1)) : number(text, args.get(1));
                if (!(a < b)) {
                    throw new IllegalArgumentException(text + ": the low end must be below the high end");
                }
                if (function.equals("loguniform") && a <= 0) {
                    throw new IllegalArgumentException(text + ": loguniform needs a low end above 0");
                }
                return new ParamSpace.Distribution(function, a, b);
            }
            default -> throw new IllegalArgumentException("unknown function '" + function + "' in '" + text
                    + "': use " + FUNCTIONS);
        }
    }

    /** numpy.linspace: start + i·step, the last value exactly {@code b}. */
    static double[] linspace(double a, double b, int n) {
        double[] values = new double[n];
        if (n == 1) {
            values[0] = a;
            return values;
        }
        double step = (b - a) / (n - 1);
        for (int i = 0; i < n; i++) {
            values[i] = i * step + a;
        }
        values[n - 1] = b;
        return values;
    }

    /** A whole number, a real number, or else a word. */
    static JsonNode scalar(String text) {
        if (INTEGER.matcher(text).matches()) {
            return JSON.numberNode(Long.parseLong(text));
        }
        try {
            double d = Double.parseDouble(text);
            if (Double.isFinite(d) && text.matches("[+-]?[\\d.]+([eE][+-]?\\d+)?")) {
                return JSON.numberNode(d);
            }
        } catch (NumberFormatException e) {
            // a word
        }
        return JSON.textNode(text);
    }

    /** A number for display: as written when short, else to 6 significant digits. */
    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        String plain = new BigDecimal(Double.toString(value)).round(new java.math.MathContext(6))
                .stripTrailingZeros().toString();
        return plain.replace("E", "e").replace("e+", "e");
    }

    /** Splits at commas outside parentheses. */
    static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth < 0) {
                    throw new IllegalArgumentException("a ')' without its '(' in '" + text.strip() + "'");
                }
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("a '(' without its ')' in '" + text.strip() + "'");
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static void arity(String text, List<String> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            throw new IllegalArgumentException(text + ": expected " + (min == max ? "" + min : min + " or " + max)
                    + " arguments, found " + args.size());
        }
    }

    private static double number(String text, String arg) {
        try {
            double d = Double.parseDouble(arg.strip());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(text + ": '" + arg.strip() + "' is not a number");
    }

    private static long whole(String text, String arg) {
        try {
            return Long.parseLong(arg.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(text + ": '" + arg.strip() + "' is not a whole number");
        }
    }
}
