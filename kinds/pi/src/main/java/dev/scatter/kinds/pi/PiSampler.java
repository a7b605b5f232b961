package dev.scatter.kinds.pi;

import dev.scatter.task.SplitMix64;
import dev.scatter.task.StopSignal;

/**
 * The Monte-Carlo sampling loop: draws points in the unit square and counts those inside the quarter circle.
 *
 * <p>The generator is {@link SplitMix64}, written out rather than taken from {@link java.util.SplittableRandom} so
 * that a (seed, samples) pair gives the same count on every JVM, forever: a job's result is reproducible
 * whatever the runners, crashes or retries. Each 64-bit draw gives both coordinates as 30-bit integers, and the
 * test x² + y² < 2^60 is exact in a long: no floating point, two draws' worth of work per multiply-add.
 */
public final class PiSampler {

    private static final long RADIUS_SQUARED = 1L << 60;
    private static final long MASK_30 = (1L << 30) - 1;
    /** How many samples run between two looks at the stop signal. */
    private static final long CHUNK = 1L << 24;

    private PiSampler() {
    }

    /** Counts the samples that fall inside the quarter circle, or returns -1 if stopped early. */
    public static long countInside(long seed, long samples, StopSignal stop) {
        long state = seed;
        long inside = 0;
        long remaining = samples;
        while (remaining > 0) {
            if (stop != null && stop.isSet()) {
                return -1;
            }
            long n = Math.min(remaining, CHUNK);
            for (long i = 0; i < n; i++) {
                state += SplitMix64.GOLDEN_GAMMA;
                long z = SplitMix64.mix(state);
                long x = z & MASK_30;
                long y = (z >>> 30) & MASK_30;
                if (x * x + y * y < RADIUS_SQUARED) {
                    inside++;
                }
            }
            remaining -= n;
        }
        return inside;
    }

    /** The seed of one task, derived from the job's seed and the task's index (a SplitMix64 step). */
    public static long taskSeed(long jobSeed, int index) {
        return SplitMix64.mix(jobSeed + SplitMix64.GOLDEN_GAMMA * (index + 1L));
    }

    /** How many of the job's samples task {@code index} of {@code tasks} draws: an even split. */
    public static long samplesOf(long samples, int tasks, int index) {
        long base = samples / tasks;
        return base + (index < samples % tasks ? 1 : 0);
    }
}
