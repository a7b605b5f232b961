package dev.scatter.task;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The task kinds registered in this process, by name. */
public final class TaskKinds {

    private final Map<String, TaskKind> byName;

    private TaskKinds(Map<String, TaskKind> byName) {
        this.byName = byName;
    }

    /** Every kind a class loader can find through {@link ServiceLoader}. */
    public static TaskKinds load(ClassLoader loader) {
        Map<String, TaskKind> kinds = new TreeMap<>();
        for (TaskKind kind : ServiceLoader.load(TaskKind.class, loader)) {
            TaskKind previous = kinds.putIfAbsent(kind.name(), kind);
            if (previous != null && previous.getClass() != kind.getClass()) {
                throw new IllegalStateException("two task kinds are named '" + kind.name() + "': "
                        + previous.getClass().getName() + " and " + kind.getClass().getName());
            }
        }
        return new TaskKinds(kinds);
    }

    public Optional<TaskKind> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<String> names() {
        return byName.keySet();
    }
}
