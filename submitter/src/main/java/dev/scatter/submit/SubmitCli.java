package dev.scatter.submit;

import dev.scatter.broker.BrokerException;
import dev.scatter.cli.ExitCodes;
import dev.scatter.cli.Secrets;
import dev.scatter.localredis.LocalRedisException;
import dev.scatter.runner.PluginLoader;
import dev.scatter.task.KindCommand;
import dev.scatter.task.TaskKind;
import dev.scatter.task.TaskKinds;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Builds the {@code submit} command line with the given output streams and environment, so tests run it in
 * process and read what it prints and its exit code. Every failure becomes one line on stderr and a documented
 * exit code.
 */
public final class SubmitCli {

    /** A directory of plug-in jars whose kinds submit knows: their subcommands, result texts and plots. */
    public static final String PLUGINS_ENV = "SCATTER_PLUGINS";
    /** The name of the mixin of job options added to each kind's subcommand. */
    private static final String JOB_OPTIONS = "job";

    private SubmitCli() {
    }

    public static CommandLine create(PrintWriter out, PrintWriter err, Map<String, String> env) {
        KnownKinds known = KnownKinds.load(env);
        SubmitCommand root = new SubmitCommand(env, known.kinds());
        CommandLine commandLine = new CommandLine(root);
        List<CommandLine> generic = List.of(new JobCommand(), new StatusCommand(), new WaitCommand(),
                new ResultCommand(), new CancelCommand(), new JobsCommand(), new RunnersCommand(), new DeadCommand(),
                new RetryCommand(), new BacklogCommand(), new TasksCommand(), new LogsCommand(), new DashboardCommand(),
                new AutoComplete.GenerateCompletion())
                .stream()
                .map(CommandLine::new).toList();
        Set<String> reserved = generic.stream().map(CommandLine::getCommandName).collect(Collectors.toSet());
        // First the kinds' own subcommands (submit pi, submit sweep, a plug-in's), each with the options of every
        // job; then the commands of any kind (a kind named as one of them is submitted with submit job KIND).
        String problem = known.problem();
        for (String name : known.kinds().names()) {
            KindCommand command = known.kinds().find(name).orElseThrow().submitCommand();
            if (command != null && !reserved.contains(name)) {
                try {
                    CommandLine sub = new CommandLine(command);
                    sub.addMixin(JOB_OPTIONS, new JobOptions());
                    commandLine.addSubcommand(name, sub);
                } catch (CommandLine.InitializationException e) {
                    problem = "the " + name + " kind's submit command cannot be used: " + e.getMessage();
                }
            }
        }
        generic.forEach(commandLine::addSubcommand);
        String refusal = problem;
        commandLine.setExecutionStrategy(parsed -> {
            Integer help = CommandLine.executeHelpRequest(parsed);
            if (help != null) {
                return help;
            }
            if (refusal != null) {
                throw new CommandLine.ExecutionException(commandLine, refusal, new CliException(ExitCodes.USAGE, refusal));
            }
            return execute(parsed, root);
        });
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // picocli would replace an argument "@FILE" by the file's lines: curl -d @data.json in a command sweep
        // would lose its argument, and any file the user can read could be echoed in an error message.
        commandLine.setExpandAtFiles(false);
        // Every --help shows the one exit-code table, kept with the codes (and checked against the README).
        commandLine.getCommandSpec().usageMessage().exitCodeList(ExitCodes.SUBMIT_HELP);
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            sub.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.SUBMIT_HELP);
        }
        commandLine.setParameterExceptionHandler((e, args) -> {
            Secrets secrets = Secrets.of(args, env);
            CommandLine cl = e.getCommandLine();
            cl.getErr().println(qualifiedName(cl) + ": " + oneLine(secrets.scrub(e.getMessage())));
            cl.getErr().println("Try '" + qualifiedName(cl) + " --help' for more information.");
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            Secrets secrets = Secrets.of(parsed.originalArgs().toArray(String[]::new), env);
            cl.getErr().println(qualifiedName(cl) + ": " + oneLine(secrets.scrub(message(e))));
            return exitCode(e);
        });
        return commandLine;
    }

    /**
     * The kinds on submit's class path and in {@link #PLUGINS_ENV}; a plug-in directory that cannot be used is a
     * problem said when a command runs (as one line, exit 2), so that --help still works.
     */
    private record KnownKinds(TaskKinds kinds, String problem) {

        static KnownKinds load(Map<String, String> env) {
            TaskKinds builtIn = TaskKinds.load(SubmitCli.class.getClassLoader());
            String plugins = env.get(PLUGINS_ENV);
            if (plugins == null || plugins.isBlank()) {
                return new KnownKinds(builtIn, null);
            }
            try {
                return new KnownKinds(TaskKinds.load(PluginLoader.withPlugins(Path.of(plugins),
                        SubmitCli.class.getClassLoader()), builtIn), null);
            } catch (IllegalArgumentException e) {
                return new KnownKinds(builtIn, PLUGINS_ENV + "=" + plugins + ": " + e.getMessage());
            }
        }
    }

    /** A kind's subcommand is run through the launcher; any other runs itself. */
    private static int execute(CommandLine.ParseResult parsed, SubmitCommand root) {
        List<CommandLine> chain = parsed.asCommandLineList();
        CommandLine leaf = chain.get(chain.size() - 1);
        if (!(leaf.getCommand() instanceof KindCommand command)) {
            return new CommandLine.RunLast().execute(parsed);
        }
        TaskKind kind = root.kinds.find(leaf.getCommandName()).orElseThrow();
        try {
            int code = new JobLauncher(root, (JobOptions) leaf.getMixins().get(JOB_OPTIONS), leaf.getOut(),
                    leaf.getErr()).submit(kind, command);
            leaf.setExecutionResult(code);
            return code;
        } catch (RuntimeException e) {
            // To the execution exception handler, as a command's own exception is.
            throw new CommandLine.ExecutionException(leaf, String.valueOf(e.getMessage()), e);
        }
    }

    private static String qualifiedName(CommandLine cl) {
        return cl.getCommandSpec().qualifiedName();
    }

    static int exitCode(Throwable e) {
        if (e instanceof CliException cli) {
            return cli.exitCode();
        }
        if (e instanceof IllegalArgumentException) {
            return ExitCodes.USAGE;
        }
        if (e instanceof LocalRedisException) {
            return ExitCodes.REDIS;
        }
        return ExitCodes.of(e);
    }

    private static String message(Throwable e) {
        if (exitCode(e) == ExitCodes.INTERNAL && !(e instanceof CliException)) {
            String what = e instanceof BrokerException ? e.getMessage() : e.toString();
            return "internal error: " + what + " (a bug, or data in Redis that Scatter did not write: please report"
                    + " this line)";
        }
        return e.getMessage();
    }

    /** A message as one line: what a library put on several is joined, and a runaway one is cut. */
    static String oneLine(String message) {
        String line = message == null ? "" : String.join("; ", message.strip().lines().map(String::strip)
                .filter(l -> !l.isEmpty()).toList());
        return line.length() <= 2_000 ? line : line.substring(0, 2_000) + "... (" + line.length() + " characters)";
    }
}
