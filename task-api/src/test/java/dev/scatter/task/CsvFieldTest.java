package dev.scatter.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A field as RFC 4180 quotes it, and never a formula to a spreadsheet. */
class CsvFieldTest {

    @Test
    void plainTextAndNumbersStandAsTheyAre() {
        assertThat(CsvField.of("rbf")).isEqualTo("rbf");
        assertThat(CsvField.of("-1.5")).as("a negative number is a number, not a formula").isEqualTo("-1.5");
        assertThat(CsvField.of(null)).isEmpty();
    }

    @Test
    void commasQuotesAndLineBreaksAreQuoted() {
        assertThat(CsvField.of("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvField.of("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvField.of("two\nlines")).isEqualTo("\"two\nlines\"");
    }

    @Test
    void whatASpreadsheetWouldRunIsPrefixedWithAQuote() {
        assertThat(CsvField.of("=cmd|calc")).isEqualTo("'=cmd|calc");
        assertThat(CsvField.of("+1+1")).isEqualTo("'+1+1");
        assertThat(CsvField.of("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvField.of("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    }
}
