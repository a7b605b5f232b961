package dev.scatter.dashboard;

import com.sun.net.httpserver.HttpExchange;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may read and who may act.
 *
 * <p>Reading: on a loopback address, only requests whose Host header names this host (localhost, 127.x, ::1)
 * are served, so a web page elsewhere cannot rebind its own name to 127.0.0.1 and read the dashboard.
 *
 * <p>Acting (cancel, retry) takes a POST that carries the token in the {@code X-Scatter-Token} header, which a
 * page of another origin cannot set without a CORS pre-flight this server never grants, and whose Origin (when
 * the browser sends one) is this server's. Without a token given by the user, one is made per process and given
 * to the dashboard's own pages by {@code /api/session}, which other origins cannot read. A token given by the
 * user is never sent out: the page asks the user for it.
 */
final class Guard {

    static final String TOKEN_HEADER = "X-Scatter-Token";

    private final boolean loopback;
    private final boolean readOnly;
    private final boolean userToken;
    private final byte[] token;

    Guard(DashboardSettings settings) {
        this.loopback = DashboardSettings.isLoopback(settings.bind());
        this.readOnly = settings.readOnly();
        this.userToken = settings.token() != null;
        String t = settings.token() != null ? settings.token() : randomToken();
        this.token = t.getBytes(StandardCharsets.UTF_8);
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    boolean readOnly() {
        return readOnly;
    }

    boolean tokenRequired() {
        return userToken;
    }

    /** The token the pages may be given: only one made by this process, never the user's. */
    Optional<String> pageToken() {
        return readOnly || userToken ? Optional.empty() : Optional.of(new String(token, StandardCharsets.UTF_8));
    }

    /** Why a request may not be read (empty: it may). */
    Optional<String> refuseRead(HttpExchange exchange) {
        if (!loopback) {
            return Optional.empty();
        }
        String host = hostName(exchange.getRequestHeaders().getFirst("Host"));
        return host != null && isLocalName(host) ? Optional.empty()
                : Optional.of("this dashboard answers only to localhost, 127.0.0.1 or [::1]");
    }

    /** Why a request may not act (empty: it may). */
    Optional<String> refuseAction(HttpExchange exchange) {
        if (readOnly) {
            return Optional.of("this dashboard is read-only");
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            return Optional.of("actions are POST requests");
        }
        var headers = exchange.getRequestHeaders();
        String site = headers.getFirst("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return Optional.of("actions come from the dashboard's own pages");
        }
        String origin = headers.getFirst("Origin");
        if (origin != null && !sameOrigin(origin, headers.getFirst("Host"))) {
            return Optional.of("actions come from the dashboard's own pages");
        }
        String given = headers.getFirst(TOKEN_HEADER);
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token)) {
            return Optional.of(userToken ? "this action needs the dashboard's token" : "missing or wrong token");
        }
        return Optional.empty();
    }

    private static boolean sameOrigin(String origin, String host) {
        if (host == null || origin.equals("null")) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            String authority = uri.getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The host part of a Host header: "localhost:8265" is "localhost", "[::1]:8265" is "::1". */
    static String hostName(String hostHeader) {
        if (hostHeader == null || hostHeader.isEmpty()) {
            return null;
        }
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            return close < 0 ? null : h.substring(1, close);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static boolean isLocalName(String host) {
        return host.equals("localhost") || host.endsWith(".localhost") || host.equals("::1")
                || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
