package dev.scatter.chaos;

import org.junit.jupiter.api.Test;

/** Redis refusing writes at maxmemory (noeviction) for three leases, then freed: nothing lost, nothing charged. */
class RedisOutOfMemoryTest {

    @Test
    void aFullRedisThenFreedChargesNothing() {
        Cases.runAndCheck(RedisOutOfMemory.fast());
    }
}
