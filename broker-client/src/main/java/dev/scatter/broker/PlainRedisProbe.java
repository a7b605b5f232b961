package dev.scatter.broker;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Tells, before a {@code rediss://} connection, whether the port speaks plain Redis. A plain Redis takes a TLS
 * hello for the start of an inline command and waits for the rest of its line, so the TLS handshake only ends
 * when the read timeout runs out, twice over (about 20 s), with nothing better to say than "timed out". A plain
 * {@code PING} answers that at once: a plain Redis replies with {@code +PONG} or an error, while a TLS server
 * drops a connection that does not start with a TLS record.
 */
final class PlainRedisProbe {

    private PlainRedisProbe() {
    }

    /** True when the address answered a plain-text PING as Redis does; false when it did not, or could not be asked. */
    static boolean speaksPlainRedis(String host, int port, Duration timeout) {
        int millis = (int) Math.max(100, Math.min(timeout.toMillis(), 2_000));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            int first = in.read();
            // +PONG, or -NOAUTH / -ERR from a Redis that wants a password or refuses inline commands.
            return first == '+' || first == '-';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
