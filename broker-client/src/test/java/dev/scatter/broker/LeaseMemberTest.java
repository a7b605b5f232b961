package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Lease members read from Redis are taken only in the form the scripts write them. */
class LeaseMemberTest {

    @Test
    void theFormTheScriptsWriteIsRead() {
        assertThat(LeaseMember.parse("mx1abc:12:3:s0token9")).hasValueSatisfying(m -> {
            assertThat(m.job()).isEqualTo("mx1abc");
            assertThat(m.taskIndex()).isEqualTo(12);
            assertThat(m.attempt()).isEqualTo(3);
            assertThat(m.wire()).isEqualTo("mx1abc:12:3:s0token9");
        });
        assertThat(LeaseMember.parse("mx1abc:r:1:tok")).hasValueSatisfying(m ->
                assertThat(m.taskIndex()).isEqualTo(ClaimedTask.REDUCE));
        assertThat(LeaseMember.jobOf("mx1abc:0:1:tok")).isEqualTo("mx1abc");
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[] {"", "a:1:1", "a:1:1:t:x", "a:01:1:t", "a:1:0:t", "a:1:01:t", "A:1:1:t",
                "a:1:1:T", "a:-1:1:t", "a:1:4294967296:t", "a:1234567890:1:t", ":1:1:t", "a:1:1:", "a: 1:1:t"}) {
            assertThat(LeaseMember.parse(bad)).as(bad).isEmpty();
        }
        assertThat(LeaseMember.jobOf("no colon")).isNull();
        assertThat(LeaseMember.jobOf("Bad:1:1:t")).isNull();
    }
}
