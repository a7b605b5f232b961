package dev.scatter.cli;

import dev.scatter.broker.Excerpt;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads durations as people write them: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 7d}; a bare
 * number is seconds. Up to {@link #LONGEST}, so that no arithmetic on a duration can overflow.
 */
public class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    public static final Duration LONGEST = Duration.ofDays(36_500);
    private static final Pattern FORM = Pattern.compile("(\\d{1,15}(?:\\.\\d{1,9})?)\\s*(ms|s|m|h|d)?");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        Matcher m = FORM.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException(Excerpt.quote(value)
                    + " is not a duration (examples: 500ms, 30s, 2m, 1h, 7d)");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount * 86_400_000;
        };
        if (millis > LONGEST.toMillis()) {
            throw new CommandLine.TypeConversionException(Excerpt.quote(value) + " is too long (at most "
                    + format(LONGEST) + ")");
        }
        return Duration.ofMillis(Math.round(millis));
    }

    /** A duration as this converter reads it: 300ms, 1s, 90s, 1h, 7d. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms > 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }

    /** A duration from {@code min} to {@code max}; picocli names the option in the message. */
    public abstract static class Bounded extends DurationConverter {
        private final Duration min;
        private final Duration max;

        protected Bounded(Duration min, Duration max) {
            this.min = min;
            this.max = max;
        }

        @Override
        public Duration convert(String value) {
            Duration d = parse(value);
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new CommandLine.TypeConversionException("must be from " + format(min) + " to " + format(max)
                        + ", not " + value.strip());
            }
            return d;
        }
    }

    /** Longer than nothing (a --timeout of 0 would end every wait before it starts). */
    public static final class Positive extends Bounded {
        public Positive() {
            super(Duration.ofMillis(1), LONGEST);
        }
    }
}
