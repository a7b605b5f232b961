package dev.scatter.submit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.cli.DurationConverter;
import dev.scatter.cli.ExitCodes;
import dev.scatter.kinds.cmd.CommandGrid;
import dev.scatter.task.RunnerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code submit cmd}: a command run once per seed or grid cell. */
@Command(name = "cmd", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a command once per seed or parameter combination, on runners started with"
                + " --allow-commands (locally: this machine's own runners, in the current directory).",
            "Placeholders {name} in the command take each task's values; {task} and {job} are built in.",
            "A command that prints a JSON object on its last line reports metrics: the result summarises each"
                + " (mean, std, min, max) and lists the tasks that exited non-zero.",
            "Example: submit cmd --seeds 1..100 -- python experiment.py --seed {seed}"})
final class CmdCommand implements Callable<Integer> {

    private static final Pattern RANGE = Pattern.compile("(-?\\d+)\\.\\.(-?\\d+)");

    @ParentCommand
    private SubmitCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--seeds", paramLabel = "RANGE",
            description = "Seeds to run: a range like 1..100, or a list like 1,5,9. Fills {seed}.")
    private String seeds;

    @Option(names = "--param", paramLabel = "NAME=VALUES",
            description = "A parameter and its values: lr=0.1,0.01 or depth=2..8 (repeatable; every combination runs).")
    private List<String> params = new ArrayList<>();

    @Option(names = "--task-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest one command may run; it is killed then, and reported as timed out. Default: 1h"
                    + " (a runner's own --task-timeout may be shorter).")
    private Duration taskTimeout;

    @Parameters(paramLabel = "COMMAND", arity = "1..*",
            description = "The command and its arguments, after --: run directly, without a shell.")
    private List<String> command;

    @Mixin
    private JobOptions options;

    @Override
    public Integer call() {
        List<CommandGrid.Axis> axes = new ArrayList<>();
        if (seeds != null) {
            axes.add(axis("seed", seeds));
        }
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                throw new CliException(ExitCodes.USAGE, "--param '" + p + "' should read NAME=VALUES, as lr=0.1,0.01");
            }
            axes.add(axis(p.substring(0, eq).trim(), p.substring(eq + 1).trim()));
        }
        if (axes.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, "nothing to sweep: give --seeds or --param");
        }
        CommandGrid grid = new CommandGrid(axes);
        long size;
        try {
            size = grid.size();
        } catch (ArithmeticException e) {
            size = Long.MAX_VALUE;
        }
        if (size > Integer.MAX_VALUE) {
            throw new CliException(ExitCodes.USAGE, "the parameters make too many tasks (" + size + ")");
        }
        ObjectNode job = JobJson.MAPPER.createObjectNode();
        ArrayNode args = job.putArray("command");
        command.forEach(args::add);
        job.set("axes", grid.toJson());
        Duration timeout = taskTimeout != null ? taskTimeout : Duration.ofHours(1);
        job.put("timeoutSeconds", Math.max(1, timeout.toSeconds()));
        RunnerSettings local = new RunnerSettings(true, Path.of(System.getProperty("user.dir")), timeout);
        return JobLauncher.launch(root, "cmd", job, (int) size, options, local, spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }

    private static CommandGrid.Axis axis(String name, String text) {
        Matcher range = RANGE.matcher(text);
        if (range.matches()) {
            long from = Long.parseLong(range.group(1));
            long to = Long.parseLong(range.group(2));
            if (to < from) {
                throw new CliException(ExitCodes.USAGE, "the range " + text + " of " + name + " is empty");
            }
            return CommandGrid.range(name, from, to);
        }
        List<String> values = Arrays.stream(text.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
        if (values.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, "no values for " + name);
        }
        return CommandGrid.values(name, values);
    }
}
