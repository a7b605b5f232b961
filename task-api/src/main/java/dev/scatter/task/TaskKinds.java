package dev.scatter.task;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The task kinds registered in this process, by name. */
public final class TaskKinds {

    /** What a kind may be named: the rule the broker applies to a job's kind (JobSpec.KIND_NAME; a test compares). */
    public static final Pattern KIND_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final Map<String, TaskKind> byName;

    private TaskKinds(Map<String, TaskKind> byName) {
        this.byName = byName;
    }

    /** Every kind a class loader can find through {@link ServiceLoader}. */
    public static TaskKinds load(ClassLoader loader) {
        return load(loader, new TaskKinds(Map.of()));
    }

    /**
     * The kinds {@code known} holds, as they are (with their parsed runner options), and every other kind a class
     * loader can find: a loader over plug-in jars finds the built-in kinds again, as new objects.
     */
    public static TaskKinds load(ClassLoader loader, TaskKinds known) {
        Map<String, TaskKind> kinds = new TreeMap<>(known.byName);
        try {
            load(loader, kinds);
        } catch (ServiceConfigurationError e) {
            // A plug-in names a class it does not hold, or one that cannot be made.
            throw new InvalidTaskKindException("cannot load a task kind: " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
        }
        return new TaskKinds(kinds);
    }

    private static void load(ClassLoader loader, Map<String, TaskKind> kinds) {
        for (TaskKind kind : ServiceLoader.load(TaskKind.class, loader)) {
            if (kind.name() == null || !KIND_NAME.matcher(kind.name()).matches()) {
                throw new InvalidTaskKindException("task kind " + kind.getClass().getName() + " is named "
                        + quote(kind.name()) + ": a kind name is 1 to 64 letters, digits, '_', '.' or '-'");
            }
            TaskKind previous = kinds.putIfAbsent(kind.name(), kind);
            if (previous != null && previous.getClass() != kind.getClass()) {
                throw new InvalidTaskKindException("two task kinds are named '" + kind.name() + "': "
                        + previous.getClass().getName() + " (" + source(previous) + ") and "
                        + kind.getClass().getName() + " (" + source(kind) + ")");
            }
        }
    }

    /** The name in single quotes, on one line and cut short, as messages quote what they were given. */
    private static String quote(String name) {
        if (name == null) {
            return "nothing";
        }
        String shown = name.length() > 80 ? name.substring(0, 80) + "..." : name;
        return "'" + shown.codePoints().mapToObj(c -> Character.isISOControl(c) ? "?" : Character.toString(c))
                .reduce("", String::concat) + "'";
    }

    /** The jar (or directory) a kind's class came from, to tell two plug-ins apart. */
    private static String source(TaskKind kind) {
        var domain = kind.getClass().getProtectionDomain();
        var code = domain == null ? null : domain.getCodeSource();
        if (code == null || code.getLocation() == null) {
            return "built in";
        }
        String path = code.getLocation().getPath();
        return path.substring(path.lastIndexOf('/', path.length() - 2) + 1);
    }

    /** These kinds with {@code kind} in place of the one of its name (the local mode's cmd kind, say). */
    public TaskKinds with(TaskKind kind) {
        Map<String, TaskKind> kinds = new TreeMap<>(byName);
        kinds.put(kind.name(), kind);
        return new TaskKinds(kinds);
    }

    public Optional<TaskKind> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<String> names() {
        return byName.keySet();
    }
}
