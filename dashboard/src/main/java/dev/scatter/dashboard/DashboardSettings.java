package dev.scatter.dashboard;

import dev.scatter.broker.QueueKeys;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * How a dashboard is served: where it listens, which queues it shows first, and whether it may act.
 *
 * @param bind     the address to listen on; loopback unless the dashboard is read-only or has a token
 * @param port     the port (0: any free one)
 * @param queues   queues shown even when no live runner serves them (runners' queues are added as they appear)
 * @param readOnly no actions at all: cancel and retry are refused
 * @param token    the token actions need, as the user gave it (file or environment); null: one is made per process,
 *                 and handed only to the dashboard's own pages (which is safe only on loopback)
 */
public record DashboardSettings(String bind, int port, List<String> queues, boolean readOnly, String token) {

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8265;
    /** Shortest token accepted: a guessable one would protect nothing. */
    public static final int MIN_TOKEN_CHARS = 16;

    public DashboardSettings {
        queues = List.copyOf(queues);
        if (queues.isEmpty()) {
            throw new IllegalArgumentException("the dashboard needs at least one queue");
        }
        queues.forEach(QueueKeys::requireValidQueueName);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be from 0 to 65535, not " + port);
        }
        if (token != null && token.strip().length() < MIN_TOKEN_CHARS) {
            throw new IllegalArgumentException("the dashboard token must have at least " + MIN_TOKEN_CHARS
                    + " characters (openssl rand -hex 32 makes one)");
        }
        token = token == null ? null : token.strip();
        if (!isLoopback(bind) && !readOnly && token == null) {
            throw new IllegalArgumentException("--bind " + bind + " is reachable from other hosts: add --read-only, or"
                    + " a token (--token-file FILE or SCATTER_DASHBOARD_TOKEN) that actions need");
        }
    }

    public static DashboardSettings local(List<String> queues) {
        return new DashboardSettings(DEFAULT_BIND, DEFAULT_PORT, queues, false, null);
    }

    public DashboardSettings withPort(int newPort) {
        return new DashboardSettings(bind, newPort, queues, readOnly, token);
    }

    /** Whether an address is one only this host reaches (127.0.0.0/8, ::1, localhost). */
    public static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind " + address + " is not an address of this host");
        }
    }
}
