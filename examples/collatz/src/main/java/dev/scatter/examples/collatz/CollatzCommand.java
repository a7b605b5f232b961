package dev.scatter.examples.collatz;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.scatter.cli.CountConverter;
import dev.scatter.task.JobRequest;
import dev.scatter.task.KindCommand;
import dev.scatter.task.SubmitContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code submit collatz}: the kind's own subcommand. Its options are the kind's; submit adds those of every job
 * (--queue, --local, --no-wait, ...), then submits the job this returns.
 */
@Command(name = "collatz", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Finds the start up to --limit with the longest Collatz chain (an example plug-in).")
final class CollatzCommand implements KindCommand {

    @Option(names = "--limit", paramLabel = "N", converter = CountConverter.class, defaultValue = "1e6",
            description = "Scan the starts 1 to N. Default: ${DEFAULT-VALUE}.")
    private long limit;

    @Option(names = "--tasks", paramLabel = "N", converter = CountConverter.IntCount.class, defaultValue = "10",
            description = "Tasks to split the scan into. Default: ${DEFAULT-VALUE}.")
    private int tasks;

    @Override
    public JobRequest request(SubmitContext context) {
        // The kind's prepare checks the two against each other before anything is submitted.
        return JobRequest.of(tasks, JsonNodeFactory.instance.objectNode().put("limit", limit));
    }
}
