package dev.scatter.kinds.cmd;

import dev.scatter.task.InvalidParametersException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command with placeholders, {@code {name}}, filled per task; {@code {{} and {@code }}} stand for literal
 * braces. Besides the swept parameters, {@code {task}} is the task's index and {@code {job}} the job's id.
 * Each argument is filled on its own: values never split into several arguments or reach a shell.
 */
public final class CommandTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{|}}|\\{([A-Za-z_][A-Za-z0-9_]*)}");
    public static final Set<String> BUILT_IN = Set.of("task", "job");

    private final List<String> args;

    public CommandTemplate(List<String> args) {
        if (args.isEmpty() || args.get(0).isBlank()) {
            throw new InvalidParametersException("no command given (write it after --)");
        }
        this.args = List.copyOf(args);
    }

    public List<String> args() {
        return args;
    }

    /** The placeholder names the command uses. */
    public Set<String> placeholders() {
        Set<String> names = new LinkedHashSet<>();
        for (String arg : args) {
            Matcher m = PLACEHOLDER.matcher(arg);
            while (m.find()) {
                if (m.group(1) != null) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /** Checks that every placeholder is a swept parameter or a built-in one. */
    public void requireKnown(List<String> parameters) {
        for (String name : placeholders()) {
            if (!BUILT_IN.contains(name) && !parameters.contains(name)) {
                throw new InvalidParametersException("the command uses {" + name + "}, which is not a parameter"
                        + " (parameters: " + String.join(", ", parameters) + "; built in: {task}, {job})");
            }
        }
    }

    public List<String> fill(Map<String, String> values) {
        List<String> filled = new ArrayList<>(args.size());
        for (String arg : args) {
            Matcher m = PLACEHOLDER.matcher(arg);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String token = m.group();
                String replacement = token.equals("{{") ? "{" : token.equals("}}") ? "}" : values.get(m.group(1));
                m.appendReplacement(out, Matcher.quoteReplacement(replacement == null ? token : replacement));
            }
            m.appendTail(out);
            filled.add(out.toString());
        }
        return filled;
    }
}
