package dev.scatter.submit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.cli.Bounds;
import dev.scatter.broker.BrokerOptions;
import dev.scatter.broker.Excerpt;
import dev.scatter.cli.ExitCodes;
import dev.scatter.cli.RedisSource;
import dev.scatter.kinds.cmd.CommandTemplate;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;
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

    private static final Pattern RANGE = Pattern.compile("(-?\\d{1,18})\\.\\.(-?\\d{1,18})");
    private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    @ParentCommand
    private SubmitCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--seeds", paramLabel = "RANGE",
            description = "Seeds to run: a range like 1..100, a range with a step like 0..100..10, or a list like 1,5,9."
                    + " Fills {seed}.")
    private String seeds;

    @Option(names = "--param", paramLabel = "NAME=VALUES",
            description = "A parameter and its values: lr=0.1,0.01 or depth=2..8 (repeatable; every combination runs).")
    private List<String> params = new ArrayList<>();

    @Option(names = "--task-timeout", paramLabel = "DURATION", converter = Bounds.TaskTimeout.class,
            description = "Longest one command may run, 1s to 365d; it is killed then, and reported as timed out."
                    + " Default: 1h (a runner's own --task-timeout may be shorter).")
    private Duration taskTimeout;

    @Parameters(paramLabel = "COMMAND", arity = "1..*",
            description = "The command and its arguments, after --: run directly, without a shell.")
    private List<String> command;

    @Mixin
    private JobOptions options;

    @Override
    public Integer call() {
        List<CommandGrid.Axis> axes = new ArrayList<>();
        Set<String> names = new HashSet<>(CommandTemplate.BUILT_IN);
        if (seeds != null) {
            String spec = seeds.strip();
            axes.add(SeedSpec.axis(seeds));
            names.add("seed");
        }
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                throw new CliException(ExitCodes.USAGE, "--param " + Excerpt.quote(p)
                        + " should read NAME=VALUES, as lr=0.1,0.01");
            }
            String name = p.substring(0, eq).trim();
            if (!PARAM_NAME.matcher(name).matches()) {
                throw new CliException(ExitCodes.USAGE, "--param " + Excerpt.quote(p) + ": the name must be a letter"
                        + " or '_', then letters, digits or '_' (at most 64), as it fills {" + "name} in the command");
            }
            if (!names.add(name)) {
                throw new CliException(ExitCodes.USAGE, "--param " + name + " is given twice, or names a built-in"
                        + " placeholder ({task}, {job}, and {seed} with --seeds): list its values in one --param");
            }
            axes.add(axis("--param", name, p.substring(eq + 1).trim()));
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
        if (size > BrokerOptions.DEFAULTS.maxTasksPerJob()) {
            throw new CliException(ExitCodes.USAGE, "the seeds and parameters make " + (size == Long.MAX_VALUE
                    ? "too many" : Long.toString(size)) + " tasks, more than a job may have ("
                    + BrokerOptions.DEFAULTS.maxTasksPerJob() + ")");
        }
        if (runsHere()) {
            requireRunnable(command.get(0));
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

    private static CommandGrid.Axis axis(String option, String name, String text) {
        Matcher range = RANGE.matcher(text);
        if (range.matches()) {
            long from = Long.parseLong(range.group(1));
            long to = Long.parseLong(range.group(2));
            if (to < from) {
                throw new CliException(ExitCodes.USAGE, option + " " + text + ": the range of " + name + " is empty");
            }
            if (to - from >= BrokerOptions.DEFAULTS.maxTasksPerJob()) {
                throw new CliException(ExitCodes.USAGE, option + " " + text + ": the range of " + name + " makes more"
                        + " tasks than a job may have (" + BrokerOptions.DEFAULTS.maxTasksPerJob() + ")");
            }
            return CommandGrid.range(name, from, to);
        }
        List<String> values = Arrays.stream(text.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
        if (values.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, option + " " + name + ": no values");
        }
        return CommandGrid.values(name, values);
    }

    /** Whether this process runs the commands: the local mode, or --local. */
    private boolean runsHere() {
        return options.localRunners != null || RedisSource.resolve(root.redis, root.env).isEmpty();
    }

    /**
     * Refuses, before anything is submitted, a command this machine cannot start: each task would otherwise run,
     * fail to start, and be reported one by one. Runners elsewhere have their own PATH, so only a local run is
     * checked; a program given by a placeholder is left to the runner.
     */
    private static void requireRunnable(String program) {
        if (program.contains("{")) {
            return;
        }
        if (program.contains("/")) {
            Path path = Path.of(System.getProperty("user.dir")).resolve(program);
            if (!Files.isRegularFile(path)) {
                throw new CliException(ExitCodes.USAGE, "cannot run " + Excerpt.quote(program) + ": no such file");
            }
            if (!Files.isExecutable(path)) {
                throw new CliException(ExitCodes.USAGE, "cannot run " + Excerpt.quote(program)
                        + ": not executable (chmod +x, or name its interpreter first)");
            }
            return;
        }
        String pathVariable = System.getenv().getOrDefault("PATH", "");
        for (String dir : pathVariable.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, program);
                if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                    return;
                }
            }
        }
        throw new CliException(ExitCodes.USAGE, "cannot run " + Excerpt.quote(program) + ": command not found on"
                + " PATH (write ./" + program + " for a file in the current directory)");
    }
}
