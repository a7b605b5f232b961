package dev.scatter.task;

/**
 * The SplitMix64 generator, written out so that a seed gives the same numbers on every JVM, forever, and so that
 * the reference script (submitter/src/test/resources/sweep-reference) can reproduce them in a few lines of Python:
 * only 64-bit integer arithmetic, no floating point, feeds pi's samples, the sweeps' folds and the demo data.
 */
public final class SplitMix64 {

    /** The step between successive states. */
    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** SplitMix64's output function: the number a state gives. Small enough for the JIT to inline in hot loops. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A number in [0, bound): the unsigned remainder (its bias, under 2^-40 for bounds below 2^24, is harmless). */
    public long nextBelow(long bound) {
        return Long.remainderUnsigned(nextLong(), bound);
    }

    /** A double in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }
}
