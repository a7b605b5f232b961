package dev.scatter.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read into stages and instructions: enough of the format for the checks to see what the image
 * is built from and what it runs, without a Docker engine. Handles comments, line continuations, exec-form
 * (JSON) ENTRYPOINT and CMD, ENV's key=value pairs with double quotes, and ARGs declared before the first FROM
 * (their defaults are put into FROM lines, as a build without --build-arg does).
 */
final class Dockerfile {

    record Instruction(String keyword, String arguments, int line) {

        /** The shell-style words of the arguments (quotes removed), e.g. COPY's flags, sources and destination. */
        List<String> words() {
            return Dockerfile.words(arguments);
        }

        /** The value of a flag such as {@code --from=build}, or null. */
        String flag(String name) {
            for (String word : words()) {
                if (word.startsWith("--" + name + "=")) {
                    return word.substring(name.length() + 3);
                }
            }
            return null;
        }

        /** The words that are not flags. */
        List<String> operands() {
            return words().stream().filter(w -> !w.startsWith("--")).toList();
        }

        /** An exec-form (JSON array) argument list; fails for the shell form. */
        List<String> execForm() {
            try {
                JsonNode array = new ObjectMapper().readTree(arguments);
                if (!array.isArray()) {
                    throw new IllegalArgumentException();
                }
                List<String> words = new ArrayList<>();
                array.forEach(n -> words.add(n.asText()));
                return words;
            } catch (IOException | IllegalArgumentException e) {
                throw new AssertionError("line " + line + ": " + keyword + " is not in exec form (a JSON array): " + arguments);
            }
        }
    }

    /**
     * A stage: {@code image} is its base image as a build without --build-arg resolves it, {@code written} the
     * FROM line's image as written (a build argument reference, say).
     */
    record Stage(String image, String written, String name, List<Instruction> instructions) {

        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }

        Instruction last(String keyword) {
            List<Instruction> found = all(keyword);
            if (found.isEmpty()) {
                throw new AssertionError("the stage from " + image + " has no " + keyword);
            }
            return found.get(found.size() - 1);
        }

        /** Its ENV variables, in order; values as written (${...} not expanded). */
        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            for (Instruction i : all("ENV")) {
                for (String word : i.words()) {
                    int eq = word.indexOf('=');
                    if (eq <= 0) {
                        throw new AssertionError("line " + i.line() + ": use ENV key=value, not " + i.arguments());
                    }
                    env.put(word.substring(0, eq), word.substring(eq + 1));
                }
            }
            return env;
        }
    }

    private static final Pattern ARG_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private final List<Stage> stages;

    private Dockerfile(List<Stage> stages) {
        this.stages = stages;
    }

    static Dockerfile read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Dockerfile parse(String text) {
        Map<String, String> globalArgs = new LinkedHashMap<>();
        List<Stage> stages = new ArrayList<>();
        List<Instruction> current = null;
        String[] lines = text.split("\n", -1);
        StringBuilder logical = new StringBuilder();
        int start = 0;
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (line.strip().startsWith("#")) {
                continue;
            }
            if (logical.isEmpty()) {
                if (line.isBlank()) {
                    continue;
                }
                start = n + 1;
            }
            if (line.endsWith("\\")) {
                logical.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            logical.append(line);
            String instruction = logical.toString().strip();
            logical.setLength(0);
            int space = instruction.indexOf(' ');
            String keyword = (space < 0 ? instruction : instruction.substring(0, space)).toUpperCase(Locale.ROOT);
            String arguments = space < 0 ? "" : instruction.substring(space + 1).strip();
            if (keyword.equals("FROM")) {
                List<String> words = words(arguments).stream().filter(w -> !w.startsWith("--")).toList();
                String name = words.size() >= 3 && words.get(1).equalsIgnoreCase("AS") ? words.get(2) : null;
                current = new ArrayList<>();
                stages.add(new Stage(expand(words.get(0), globalArgs, start), words.get(0), name, current));
            } else if (current == null) {
                if (!keyword.equals("ARG")) {
                    throw new AssertionError("line " + start + ": " + keyword + " before FROM");
                }
                for (String word : words(arguments)) {
                    int eq = word.indexOf('=');
                    globalArgs.put(eq < 0 ? word : word.substring(0, eq), eq < 0 ? null : word.substring(eq + 1));
                }
            } else {
                current.add(new Instruction(keyword, arguments, start));
            }
        }
        if (stages.isEmpty()) {
            throw new AssertionError("no FROM in the Dockerfile");
        }
        return new Dockerfile(stages);
    }

    /** A FROM line's ${NAME} or $NAME references replaced by the defaults of the ARGs before the first FROM. */
    private static String expand(String image, Map<String, String> args, int line) {
        Matcher m = ARG_REFERENCE.matcher(image);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = args.get(name);
            if (value == null) {
                throw new AssertionError("line " + line + ": FROM uses " + name
                        + ", which no ARG before the first FROM gives a default");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    List<Stage> stages() {
        return stages;
    }

    Stage stage(String name) {
        return stages.stream().filter(s -> name.equals(s.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no stage named " + name));
    }

    /** The image's own stage. */
    Stage last() {
        return stages.get(stages.size() - 1);
    }

    /** Shell-style words: whitespace separates, double quotes group (and are removed), backslash escapes. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
                inWord = true;
            } else if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quoted) {
            throw new AssertionError("unbalanced quotes in: " + text);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
