package dev.scatter.plot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The numbers printed in titles and on axes. */
class NumbersTest {

    @Test
    void compactKeepsFourSignificantDigitsAndNoTrailingZeros() {
        assertThat(Numbers.compact(0.001)).isEqualTo("0.001");
        assertThat(Numbers.compact(0.0031622776601683794)).isEqualTo("0.003162");
        assertThat(Numbers.compact(2.5)).isEqualTo("2.5");
        assertThat(Numbers.compact(10)).isEqualTo("10");
        assertThat(Numbers.compact(1e-6)).isEqualTo("1e-06");
    }

    @Test
    void countsTakeAnSiSuffix() {
        assertThat(Numbers.count(500)).isEqualTo("500");
        assertThat(Numbers.count(200_000)).isEqualTo("200k");
        assertThat(Numbers.count(1_500_000)).isEqualTo("1.5M");
    }

    @Test
    void aValueIsPrintedToThePlaceItsUncertaintyAllows() {
        assertThat(Numbers.withUncertainty(3.140937, 0.000931)).isEqualTo("3.14094 ± 0.00093");
        assertThat(Numbers.withUncertainty(3.156, 0.10116)).isEqualTo("3.16 ± 0.10");
        assertThat(Numbers.withUncertainty(3.15, 0)).isEqualTo("3.15");
    }

    @Test
    void binLabelsHaveJustEnoughDecimalsToDiffer() {
        assertThat(Numbers.toStep(0.2244, 0.03)).isEqualTo("0.22");
        assertThat(Numbers.toStep(0.8706, 0.0101)).isEqualTo("0.87");
        assertThat(Numbers.toStep(1234.5, 250)).isEqualTo("1235");
    }
}
