package dev.scatter.cli;

import dev.scatter.broker.Excerpt;
import java.math.BigDecimal;
import picocli.CommandLine;

/**
 * Reads whole numbers as scientists write them: {@code 1000000}, {@code 1_000_000}, {@code 1e6}, {@code 2.5e9}.
 * Refuses fractions and numbers beyond a long.
 */
public final class CountConverter implements CommandLine.ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        String cleaned = value.trim().replace("_", "");
        if (cleaned.length() > 40) {
            throw new CommandLine.TypeConversionException(Excerpt.quote(value) + " is not a whole number within range");
        }
        try {
            return new BigDecimal(cleaned).longValueExact();
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException(Excerpt.quote(value)
                    + " is not a number (examples: 1000000, 1_000_000, 1e6)");
        } catch (ArithmeticException e) {
            throw new CommandLine.TypeConversionException(Excerpt.quote(value) + " is not a whole number within range");
        }
    }

    /** The same for int options. */
    public static class IntCount implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long n = new CountConverter().convert(value);
            if (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE) {
                throw new CommandLine.TypeConversionException(Excerpt.quote(value) + " is too large");
            }
            return (int) n;
        }
    }

    /** An int from {@code min} to {@code max}; picocli names the option in the message. */
    public abstract static class Bounded extends IntCount {
        private final int min;
        private final int max;

        protected Bounded(int min, int max) {
            this.min = min;
            this.max = max;
        }

        @Override
        public Integer convert(String value) {
            long n = new CountConverter().convert(value);
            if (n < min || n > max) {
                throw new CommandLine.TypeConversionException("must be from " + min + " to " + max + ", not "
                        + value.strip());
            }
            return (int) n;
        }
    }
}
