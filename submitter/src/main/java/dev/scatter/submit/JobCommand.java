package dev.scatter.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.cli.Bounds;
import dev.scatter.broker.JobSpec;
import dev.scatter.cli.ExitCodes;
import dev.scatter.runner.PluginLoader;
import dev.scatter.task.JobRequest;
import dev.scatter.task.TaskKind;
import dev.scatter.task.TaskKinds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code submit job KIND}: a job of any kind, a plug-in's included. */
@Command(name = "job", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Submits a job of any task kind, built in or from a plug-in (docs/plugins.md).",
            "Example: submit job collatz --tasks 100 --param limit=100000000 --plugins plugins/"})
final class JobCommand implements Callable<Integer> {

    @ParentCommand
    private SubmitCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "KIND", description = "The task kind.")
    private String kind;

    @Option(names = "--tasks", paramLabel = "N", converter = Bounds.Tasks.class, required = true,
            description = "Tasks to split the job into.")
    private int tasks;

    @Option(names = "--params", paramLabel = "JSON", description = "The job's parameters, as a JSON object.")
    private String paramsJson;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "One parameter (repeatable); a number or true/false is taken as such, else as text.")
    private List<String> params = new ArrayList<>();

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Directory of plug-in jars: to check the parameters before submitting, and for local"
                    + " runners. Without it, a kind that is not built in is checked by the runners.")
    private Path plugins;

    @Mixin
    private JobOptions options;

    @Override
    public Integer call() {
        JobSpec.requireValidKind(kind);
        ObjectNode parameters = parameters();
        TaskKinds kinds = plugins == null ? root.kinds
                : TaskKinds.load(PluginLoader.withPlugins(plugins, getClass().getClassLoader()), root.kinds);
        TaskKind known = kinds.find(kind).orElse(null);
        boolean local = dev.scatter.cli.RedisSource.resolve(root.redis, root.env).isEmpty();
        if (known == null && (local || options.localRunners != null)) {
            throw new CliException(ExitCodes.USAGE, "unknown task kind '" + kind + "': local runners run "
                    + String.join(", ", kinds.names()) + (plugins == null ? " (plug-ins: --plugins DIR)" : ""));
        }
        return new JobLauncher(root, options, spec.commandLine().getOut(), spec.commandLine().getErr())
                .launch(kind, known, kinds, JobRequest.of(tasks, parameters));
    }

    private ObjectNode parameters() {
        ObjectNode node;
        try {
            JsonNode parsed = JobJson.MAPPER.readTree(paramsJson == null ? "{}" : paramsJson);
            if (!parsed.isObject()) {
                throw new CliException(ExitCodes.USAGE, "--params must be a JSON object, as {\"limit\": 1000}");
            }
            node = (ObjectNode) parsed;
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "--params is not valid JSON: " + JobJson.problem(e));
        }
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new CliException(ExitCodes.USAGE, "--param '" + p + "' should read NAME=VALUE");
            }
            String name = p.substring(0, eq);
            String value = p.substring(eq + 1);
            try {
                JsonNode parsed = JobJson.MAPPER.readTree(value);
                node.set(name, parsed.isNumber() || parsed.isBoolean() ? parsed : JobJson.MAPPER.getNodeFactory().textNode(value));
            } catch (IOException notJson) {
                node.put(name, value);
            }
        }
        return node;
    }

}
