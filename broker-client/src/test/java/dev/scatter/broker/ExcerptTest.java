package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExcerptTest {

    @Test
    void quotesOnOneLineCutToABound() {
        assertThat(Excerpt.quote("short")).isEqualTo("'short'");
        assertThat(Excerpt.quote("a\nb\tc")).isEqualTo("'a?b?c'");
        assertThat(Excerpt.quote(null)).isEqualTo("nothing");
        String quoted = Excerpt.quote("x".repeat(200_000));
        assertThat(quoted).hasSizeLessThan(120).endsWith("... (200000 characters)'");
        // A surrogate pair is never split.
        assertThat(Excerpt.head("a".repeat(79) + "😀" + "b", 80)).startsWith("a".repeat(79) + "...");
    }

    @Test
    void printableKeepsLinesButNotTerminalEscapes() {
        assertThat(Excerpt.printable("red \u001b[31mALERT\u001b[0m\n\tnext")).isEqualTo("red ?[31mALERT?[0m\n\tnext");
    }

    @Test
    void middleKeepsTheStartAndTheEnd() {
        String error = "java.lang.IllegalStateException: boom\n" + "x".repeat(100_000) + "\nthe cause at the end";
        String cut = Excerpt.middle(error, 4_000);
        assertThat(cut).startsWith("java.lang.IllegalStateException: boom").endsWith("the cause at the end")
                .contains("characters cut ...]").hasSizeLessThan(4_100);
        assertThat(Excerpt.middle("small", 4_000)).isEqualTo("small");
    }

    @Test
    void aTaskFailureCarriesABoundedError() {
        ClaimedTask task = new ClaimedTask(new JobId("q", "abc"), 0, 1, "k", "{}", 1, 5, "abc:0:1:token");
        TaskFailure failure = TaskFailure.retryable(task, "E".repeat(10_000_000));
        assertThat(failure.error()).hasSizeLessThan(TaskFailure.MAX_ERROR_CHARS + 100);
        assertThat(TaskFailure.permanent(task, null).error()).isEmpty();
    }
}
