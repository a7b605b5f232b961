package dev.scatter.submit;

import dev.scatter.broker.BrokerOptions;
import dev.scatter.broker.Excerpt;
import dev.scatter.cli.ExitCodes;
import dev.scatter.kinds.cmd.CommandGrid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --seeds}: {@code A..B} (both included), {@code A..B..STEP} (A, A+STEP, ... up to B) or a list
 * {@code 1,5,9}; anything else (1-20, 1:20, 1..) is refused with the forms it takes.
 */
final class SeedSpec {

    private static final Pattern RANGE = Pattern.compile("(-?\\d{1,18})\\.\\.(-?\\d{1,18})(?:\\.\\.(\\d{1,18}))?");
    private static final Pattern LIST = Pattern.compile("-?\\d{1,18}(\\s*,\\s*-?\\d{1,18})*");

    private SeedSpec() {
    }

    static CommandGrid.Axis axis(String text) {
        String spec = text.strip();
        int limit = BrokerOptions.DEFAULTS.maxTasksPerJob();
        Matcher range = RANGE.matcher(spec);
        if (range.matches()) {
            long from = Long.parseLong(range.group(1));
            long to = Long.parseLong(range.group(2));
            long step = range.group(3) == null ? 1 : Long.parseLong(range.group(3));
            if (to < from) {
                throw usage("--seeds " + spec + ": the range of seed is empty");
            }
            if (step < 1) {
                throw usage("--seeds " + spec + ": the step must be 1 or more");
            }
            long count = (to - from) / step + 1;
            if (count > limit) {
                throw usage("--seeds " + spec + ": the range of seed makes more tasks than a job may have (" + limit + ")");
            }
            if (step == 1) {
                return CommandGrid.range("seed", from, to);
            }
            List<String> values = new ArrayList<>((int) count);
            for (long seed = from; seed <= to; seed += step) {
                values.add(Long.toString(seed));
            }
            return CommandGrid.values("seed", values);
        }
        if (LIST.matcher(spec).matches()) {
            return CommandGrid.values("seed", Arrays.stream(spec.split(",")).map(String::strip).toList());
        }
        throw usage("--seeds " + Excerpt.quote(text) + " is not a range or list of whole numbers: write 1..20,"
                + " 0..100..10 (a step) or 1,5,9");
    }

    private static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }
}
