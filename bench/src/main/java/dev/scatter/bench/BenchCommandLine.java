package dev.scatter.bench;

import dev.scatter.broker.RedisUri;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A benchmark's command line, read by picocli into an object whose fields carry its options: {@code --name value}
 * and {@code --name=value} alike, the last of a repeated option winning. Numbers are read here, written
 * {@code 10000000000}, {@code 10_000_000_000}, {@code 10,000,000,000} or {@code 1e10}. Every mistake is a
 * {@link UsageException} of one line (exit 2); a benchmark prints its own usage text for --help.
 */
final class BenchCommandLine {

    private static final Pattern QUOTED_OPTION = Pattern.compile("option '(-[^']*)'");

    private BenchCommandLine() {
    }

    /** Fills the option fields of {@code options} from {@code argv}. */
    static <T> T parse(T options, String[] argv) {
        CommandLine commandLine = new CommandLine(options);
        commandLine.setOverwrittenOptionsAllowed(true);
        // An argument "@FILE" is an argument, not the file's lines.
        commandLine.setExpandAtFiles(false);
        try {
            commandLine.parseArgs(argv);
        } catch (UnmatchedArgumentException e) {
            String arg = e.getUnmatched().get(0);
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            throw new UsageException(arg.startsWith("-") ? "unknown option " + name
                    : "unexpected argument '" + RedisUri.mask(arg) + "'");
        } catch (MissingParameterException e) {
            throw new UsageException(optionName(e) + " needs a value");
        } catch (ParameterException e) {
            // A flag given a value (--json=yes): the one other mistake options of these kinds allow.
            throw new UsageException(optionName(e) + " takes no value");
        }
        return options;
    }

    private static String optionName(ParameterException e) {
        if (e.getArgSpec() instanceof CommandLine.Model.OptionSpec option) {
            return option.longestName();
        }
        if (e instanceof MissingParameterException missing && !missing.getMissing().isEmpty()
                && missing.getMissing().get(0) instanceof CommandLine.Model.OptionSpec option) {
            return option.longestName();
        }
        // picocli names the option only in its message: "option '--json' should be specified without ...".
        Matcher named = QUOTED_OPTION.matcher(String.valueOf(e.getMessage()));
        return named.find() ? named.group(1) : "an option";
    }

    /** A Redis URI, or null when none was given; checked later, when it is parsed. */
    static String uri(String name, String value) {
        if (value != null && value.isBlank()) {
            throw new UsageException(name + " needs a URI");
        }
        return value;
    }

    static int intValue(String name, String text, int otherwise, int min, int max) {
        return (int) longValue(name, text, otherwise, min, max);
    }

    /** The number {@code text} (or {@code otherwise} when the option was not given), from min to max. */
    static long longValue(String name, String text, long otherwise, long min, long max) {
        if (text == null) {
            return otherwise;
        }
        long n;
        try {
            n = new BigDecimal(text.replace("_", "").replace(",", "")).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UsageException(name + " needs a whole number, not '" + text + "'");
        }
        if (n < min || n > max) {
            throw new UsageException(String.format(Locale.ROOT, "%s must be between %,d and %,d, not %,d",
                    name, min, max, n));
        }
        return n;
    }
}
