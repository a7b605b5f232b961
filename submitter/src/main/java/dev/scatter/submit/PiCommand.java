package dev.scatter.submit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.cli.Bounds;
import dev.scatter.cli.CountConverter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code submit pi}: the Monte-Carlo estimate of pi. */
@Command(name = "pi", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Estimates pi from random points in the unit square, split over many tasks.",
            "The result is reproducible: the same --seed gives the same count whatever the runners, crashes or retries.",
            "Numbers may be written 1000000, 1_000_000 or 1e6."})
final class PiCommand implements Callable<Integer> {

    @ParentCommand
    private SubmitCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--samples", paramLabel = "N", converter = CountConverter.class, defaultValue = "1e9",
            description = "Points to draw in all. Default: ${DEFAULT-VALUE}.")
    private long samples;

    @Option(names = "--tasks", paramLabel = "N", converter = Bounds.Tasks.class, defaultValue = "100",
            description = "Tasks to split them into. Default: ${DEFAULT-VALUE}.")
    private int tasks;

    @Option(names = "--seed", paramLabel = "N", converter = CountConverter.class,
            description = "Seed of the random draws. Default: chosen at random, and reported.")
    private Long seed;

    @Mixin
    private JobOptions options;

    @Override
    public Integer call() {
        ObjectNode params = JobJson.MAPPER.createObjectNode().put("samples", samples);
        if (seed != null) {
            params.put("seed", seed);
        }
        return JobLauncher.launch(root, "pi", params, tasks, options, spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }
}
