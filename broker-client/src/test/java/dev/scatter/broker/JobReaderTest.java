package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A job record that does not read is that one job broken, named as such: never an exception for every reader. */
class JobReaderTest {

    private static final JobId ID = new JobId("q", "abc");

    private static Map<String, String> good() {
        Map<String, String> hash = new HashMap<>(Map.of("kind", "pi", "params", "{}", "state", "running",
                "total", "10", "succeeded", "3", "failed", "1", "maxAttempts", "5", "createdAt", "1700000000000"));
        hash.put("retries", "2");
        return hash;
    }

    @Test
    void aGoodRecordReads() {
        JobStatus s = JobReader.read(ID, good(), null);
        assertThat(s.isBroken()).isFalse();
        assertThat(s.state()).isEqualTo(JobState.RUNNING);
        assertThat(s.total()).isEqualTo(10);
        assertThat(s.done()).isEqualTo(4);
        assertThat(s.retries()).isEqualTo(2);
        assertThat(s.createdAt().toEpochMilli()).isEqualTo(1_700_000_000_000L);
    }

    @Test
    void eachUnreadableFieldIsNamed() {
        Map<String, String> hash = good();
        hash.put("total", "abc");
        hash.put("state", "weird");
        hash.put("succeeded", "-4");
        hash.put("createdAt", "yesterday");
        hash.put("kind", "k".repeat(200_000));
        JobStatus s = JobReader.read(ID, hash, null);
        assertThat(s.isBroken()).isTrue();
        assertThat(s.state()).isEqualTo(JobState.BROKEN);
        assertThat(s.total()).isZero();
        assertThat(s.createdAt()).isNull();
        assertThat(s.kind()).hasSizeLessThan(100);
        assertThat(s.broken()).contains("total is 'abc', not a whole number")
                .contains("state 'weird' is not a job state").contains("succeeded is -4, out of range")
                .contains("createdAt is 'yesterday', not a time in milliseconds").contains("is not a kind name")
                .hasSizeLessThan(600);
    }

    @Test
    void missingRequiredFieldsAreNamedAndOptionalOnesReadAsZero() {
        Map<String, String> hash = good();
        hash.remove("retries");
        assertThat(JobReader.read(ID, hash, null).isBroken()).isFalse();
        hash.remove("state");
        hash.remove("total");
        hash.remove("kind");
        assertThat(JobReader.read(ID, hash, null).broken()).isEqualTo("kind is missing; state is missing; total is missing");
    }

    @Test
    void onlyTheStoredWordsAreStates() {
        for (String word : new String[] {"broken", "RUNNING", "Running", " running"}) {
            Map<String, String> hash = good();
            hash.put("state", word);
            assertThat(JobReader.read(ID, hash, null).isBroken()).as(word).isTrue();
        }
    }
}
