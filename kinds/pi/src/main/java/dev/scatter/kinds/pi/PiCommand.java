package dev.scatter.kinds.pi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.cli.Bounds;
import dev.scatter.cli.CountConverter;
import dev.scatter.task.JobRequest;
import dev.scatter.task.KindCommand;
import dev.scatter.task.SubmitContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code submit pi}: the Monte-Carlo estimate of pi. */
@Command(name = "pi", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Estimates pi from random points in the unit square, split over many tasks.",
            "The result is reproducible: the same --seed gives the same count whatever the runners, crashes or retries.",
            "Numbers may be written 1000000, 1_000_000 or 1e6."})
final class PiCommand implements KindCommand {

    @Option(names = "--samples", paramLabel = "N", converter = CountConverter.class, defaultValue = "1e9",
            description = "Points to draw in all. Default: ${DEFAULT-VALUE}.")
    private long samples;

    @Option(names = "--tasks", paramLabel = "N", converter = Bounds.Tasks.class, defaultValue = "100",
            description = "Tasks to split them into. Default: ${DEFAULT-VALUE}.")
    private int tasks;

    @Option(names = "--seed", paramLabel = "N", converter = CountConverter.class,
            description = "Seed of the random draws. Default: chosen at random, and reported.")
    private Long seed;

    @Override
    public JobRequest request(SubmitContext context) {
        ObjectNode params = JsonNodeFactory.instance.objectNode().put("samples", samples);
        if (seed != null) {
            params.put("seed", seed);
        }
        return JobRequest.of(tasks, params);
    }
}
