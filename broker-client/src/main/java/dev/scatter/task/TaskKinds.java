package dev.scatter.task;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import dev.scatter.broker.Excerpt;
import dev.scatter.broker.JobSpec;

/** The task kinds registered in this process, by name. */
public final class TaskKinds {

    private final Map<String, TaskKind> byName;

    private TaskKinds(Map<String, TaskKind> byName) {
        this.byName = byName;
    }

    /** Every kind a class loader can find through {@link ServiceLoader}. */
    public static TaskKinds load(ClassLoader loader) {
        Map<String, TaskKind> kinds = new TreeMap<>();
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
            if (kind.name() == null || !JobSpec.KIND_NAME.matcher(kind.name()).matches()) {
                throw new InvalidTaskKindException("task kind " + kind.getClass().getName() + " is named "
                        + Excerpt.quote(kind.name()) + ": a kind name is 1 to 64 letters, digits, '_', '.' or '-'");
            }
            TaskKind previous = kinds.putIfAbsent(kind.name(), kind);
            if (previous != null && previous.getClass() != kind.getClass()) {
                throw new InvalidTaskKindException("two task kinds are named '" + kind.name() + "': "
                        + previous.getClass().getName() + " (" + source(previous) + ") and "
                        + kind.getClass().getName() + " (" + source(kind) + ")");
            }
        }
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

    public Optional<TaskKind> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<String> names() {
        return byName.keySet();
    }
}
