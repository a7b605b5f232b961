package dev.scatter.bench;

import java.math.BigDecimal;
import dev.scatter.broker.RedisUri;

/**
 * Walks a benchmark's command line one option at a time: {@code --name value} and {@code --name=value} alike,
 * numbers written {@code 10000000000}, {@code 10_000_000_000}, {@code 10,000,000,000} or {@code 1e10}. Every
 * mistake is a {@link UsageException} of one line (exit 2).
 *
 * <pre>{@code
 * Args args = new Args(argv);
 * while (args.next()) {
 *     switch (args.name()) {
 *         case "--json" -> json = args.flag();
 *         case "--tasks" -> tasks = args.intValue(1, 1000);
 *         default -> throw args.unknown();
 *     }
 * }
 * }</pre>
 */
final class Args {

    private final String[] args;
    private int at = -1;
    private String name;
    private String inline;

    Args(String[] args) {
        this.args = args;
    }

    /** Moves to the next option; false at the end. */
    boolean next() {
        at++;
        if (at >= args.length) {
            return false;
        }
        String arg = args[at];
        name = arg;
        inline = null;
        int eq = arg.indexOf('=');
        if (arg.startsWith("--") && eq > 0) {
            name = arg.substring(0, eq);
            inline = arg.substring(eq + 1);
        }
        return true;
    }

    /** The current option's name, e.g. {@code --tasks}. */
    String name() {
        return name;
    }

    /** An option without a value, such as {@code --json}. */
    boolean flag() {
        if (inline != null) {
            throw new UsageException(name + " takes no value");
        }
        return true;
    }

    String value() {
        if (inline != null) {
            return inline;
        }
        if (at + 1 >= args.length || args[at + 1].startsWith("--")) {
            throw new UsageException(name + " needs a value");
        }
        return args[++at];
    }

    /** A Redis URI; checked later, when it is parsed. */
    String uri() {
        String uri = value();
        if (uri.isBlank()) {
            throw new UsageException(name + " needs a URI");
        }
        return uri;
    }

    int intValue(int min, int max) {
        return (int) longValue(min, max);
    }

    long longValue(long min, long max) {
        String text = value();
        long n;
        try {
            n = new BigDecimal(text.replace("_", "").replace(",", "")).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UsageException(name + " needs a whole number, not '" + text + "'");
        }
        if (n < min || n > max) {
            throw new UsageException(String.format(java.util.Locale.ROOT, "%s must be between %,d and %,d, not %,d",
                    name, min, max, n));
        }
        return n;
    }

    /** What to throw for an argument no case matched. */
    UsageException unknown() {
        String arg = args[at];
        return new UsageException(arg.startsWith("-")
                ? "unknown option " + name
                : "unexpected argument '" + RedisUri.mask(arg) + "'");
    }
}
