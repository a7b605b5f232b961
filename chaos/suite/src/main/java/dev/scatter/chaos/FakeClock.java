package dev.scatter.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A runner whose clock is off by a fixed number of seconds, with Debian's libfaketime preloaded into its JVM.
 *
 * <p>Only the wall clock is faked ({@code FAKETIME_DONT_FAKE_MONOTONIC=1}): the JVM times its waits, sleeps and
 * timeouts with the monotonic clock, and faking that too leaves a JVM that hangs or spins. The library is used
 * directly (LD_PRELOAD) rather than through the {@code faketime} command, which forks and would stand between
 * the suite and the JVM it needs to kill.
 */
public final class FakeClock {

    private static final List<String> LIBRARIES = List.of(
            "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1",
            "/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1",
            "/usr/lib/faketime/libfaketimeMT.so.1",
            "/usr/local/lib/faketime/libfaketimeMT.so.1");

    private FakeClock() {
    }

    public static Optional<Path> library() {
        return LIBRARIES.stream().map(Path::of).filter(Files::isRegularFile).findFirst();
    }

    /** Why clocks cannot be faked here, or empty when they can. */
    public static Optional<String> unavailable() {
        return library().isPresent() ? Optional.empty()
                : Optional.of("needs libfaketime (Debian: apt-get install faketime)");
    }

    /** The environment that sets a process's wall clock {@code offsetSeconds} ahead (negative: behind). */
    public static Map<String, String> offset(long offsetSeconds) {
        Path lib = library().orElseThrow(() -> new IllegalStateException(unavailable().orElseThrow()));
        return Map.of(
                "LD_PRELOAD", lib.toString(),
                "FAKETIME", (offsetSeconds >= 0 ? "+" : "") + offsetSeconds,
                "FAKETIME_DONT_FAKE_MONOTONIC", "1");
    }
}
