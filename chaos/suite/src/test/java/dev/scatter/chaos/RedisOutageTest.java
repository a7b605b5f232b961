package dev.scatter.chaos;

import org.junit.jupiter.api.Test;

/**
 * Redis SIGKILLed and started again ({@code appendfsync always}), with one attempt per task: an outage shorter
 * than the lease and one three times longer charge nothing and lose no result.
 */
class RedisOutageTest {

    @Test
    void anOutageShorterThanTheLease() {
        Cases.runAndCheck(RedisOutage.shortFast());
    }

    @Test
    void anOutageThreeTimesTheLease() {
        Cases.runAndCheck(RedisOutage.longFast());
    }
}
