package dev.scatter.kinds.sweep;

import dev.scatter.task.SplitMix64;
import java.nio.charset.StandardCharsets;

/**
 * The built-in dataset {@code demo:rgba}: colours labelled red or blue, the classic teaching example, with noise
 * enough that the parameters matter. Each row draws r, g, b and a (alpha) uniformly from 0..255. The colour is
 * judged as seen over a white page, where a faint colour fades to white: {@code seen = (c·a + 255·(255 − a)) / 255}
 * (integer division) for r and b; it is labelled {@code red} when {@code seenR − seenB + noise > 0}, else
 * {@code blue}, the noise being the sum of four draws from 0..31 less 62 (roughly normal, standard deviation 18),
 * as if a person called each colour. Faint colours are hard to call; green is a distractor. The features are
 * written as colour libraries give them, from 0 to 1: c / 255 to four decimals (rounded half up).
 *
 * <p>Only integer arithmetic on a fixed-seed {@link SplitMix64}: the same bytes on every machine, and the
 * reference script (submitter/src/test/resources/sweep-reference) generates them identically in Python.
 */
public final class RgbaDemo {

    public static final String NAME = "demo:rgba";
    public static final int DEFAULT_ROWS = 1000;
    public static final int MAX_ROWS = 1_000_000;
    /** "SCATTER" in ASCII, as a number. */
    private static final long SEED = 0x53434154544552L;

    private RgbaDemo() {
    }

    /** The dataset as CSV: header {@code r,g,b,a,label}, then {@code rows} rows. */
    public static byte[] csv(int rows) {
        StringBuilder out = new StringBuilder(rows * 32 + 16).append("r,g,b,a,label\n");
        SplitMix64 random = new SplitMix64(SEED);
        for (int i = 0; i < rows; i++) {
            int r = channel(random);
            int g = channel(random);
            int b = channel(random);
            int a = channel(random);
            long noise = -62;
            for (int j = 0; j < 4; j++) {
                noise += random.nextLong() >>> 59;
            }
            int seenR = (r * a + 255 * (255 - a)) / 255;
            int seenB = (b * a + 255 * (255 - a)) / 255;
            String label = seenR - seenB + noise > 0 ? "red" : "blue";
            unit(out, r).append(',');
            unit(out, g).append(',');
            unit(out, b).append(',');
            unit(out, a).append(',').append(label).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** c / 255 to four decimals, rounded half up, in integer arithmetic: 0.0000 to 1.0000. */
    private static StringBuilder unit(StringBuilder out, int c) {
        int q = (c * 20000 + 255) / 510;
        String decimals = Integer.toString(q % 10000);
        return out.append(q / 10000).append('.').append("0".repeat(4 - decimals.length())).append(decimals);
    }

    private static int channel(SplitMix64 random) {
        return (int) (random.nextLong() >>> 56);
    }
}
