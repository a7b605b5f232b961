package dev.scatter.kinds.cmd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a process's output stream to its end, keeping only the last bytes: a chatty command must neither fill
 * the runner's memory nor block on a full pipe.
 */
final class OutputTail implements Runnable {

    private final InputStream in;
    private final byte[] ring;
    private long total;

    OutputTail(InputStream in, int capacity) {
        this.in = in;
        this.ring = new byte[capacity];
    }

    @Override
    public void run() {
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                synchronized (this) {
                    for (int i = 0; i < n; i++) {
                        ring[(int) (total++ % ring.length)] = buffer[i];
                    }
                }
            }
        } catch (IOException closed) {
            // the process ended or was killed: what was read is kept
        }
    }

    /** The last bytes read (at most the capacity), as text. */
    synchronized String text() {
        int size = (int) Math.min(total, ring.length);
        byte[] out = new byte[size];
        long start = total - size;
        for (int i = 0; i < size; i++) {
            out[i] = ring[(int) ((start + i) % ring.length)];
        }
        String text = new String(out, StandardCharsets.UTF_8);
        // A cut in the middle of a multi-byte character shows as a replacement character; drop it.
        return total > ring.length && !text.isEmpty() && text.charAt(0) == '\uFFFD' ? text.substring(1) : text;
    }
}
