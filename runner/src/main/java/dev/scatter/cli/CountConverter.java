package dev.scatter.cli;

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
        try {
            return new BigDecimal(cleaned).longValueExact();
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a number (examples: 1000000, 1_000_000, 1e6)");
        } catch (ArithmeticException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a whole number within range");
        }
    }

    /** The same for int options. */
    public static final class IntCount implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long n = new CountConverter().convert(value);
            if (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE) {
                throw new CommandLine.TypeConversionException("'" + value + "' is too large");
            }
            return (int) n;
        }
    }
}
