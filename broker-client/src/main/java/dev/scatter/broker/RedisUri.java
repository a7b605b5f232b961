package dev.scatter.broker;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A parsed {@code REDIS_URL}: {@code redis://[[user]:password@]host[:port][/database]}, or {@code rediss://}
 * for TLS. A user-info without a colon is taken as a password, as most Redis clients do.
 * {@link #toString()} masks the password, so a RedisUri can be logged.
 */
public final class RedisUri {

    public static final int DEFAULT_PORT = 6379;
    private static final String FORM = "redis://[[user]:password@]host[:port][/database] or rediss://... for TLS";

    private final boolean tls;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final int database;

    private RedisUri(boolean tls, String host, int port, String user, String password, int database) {
        this.tls = tls;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.database = database;
    }

    public static RedisUri of(String host, int port) {
        return new RedisUri(false, host, port, null, null, 0);
    }

    public static RedisUri parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRedisUriException("no Redis URI given; expected " + FORM);
        }
        String trimmed = text.trim();
        String shown = mask(trimmed);
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new InvalidRedisUriException("not a Redis URI: '" + shown + "'; expected " + FORM);
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("redis") || scheme.equalsIgnoreCase("rediss"))) {
            throw new InvalidRedisUriException("not a Redis URI: '" + shown + "' (scheme must be redis or rediss); expected "
                    + FORM);
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new InvalidRedisUriException("no host in Redis URI '" + shown + "'; expected " + FORM);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new InvalidRedisUriException("port out of range in Redis URI '" + shown + "'");
        }
        String user = null;
        String password = null;
        String userInfo = uri.getUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                password = userInfo;
            } else {
                user = colon == 0 ? null : userInfo.substring(0, colon);
                password = userInfo.substring(colon + 1);
                if (password.isEmpty()) {
                    password = null;
                }
            }
        }
        int database = 0;
        String path = uri.getPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            try {
                database = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw new InvalidRedisUriException("the database in Redis URI '" + shown + "' must be a number, as in /0");
            }
            if (database < 0) {
                throw new InvalidRedisUriException("the database in Redis URI '" + shown + "' must not be negative");
            }
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidRedisUriException("Redis URI '" + shown + "' has options (?...) that Scatter does not read");
        }
        return new RedisUri(scheme.equalsIgnoreCase("rediss"), host, port, user, password, database);
    }

    /** The text with the password of its user-info, if any, replaced by ***. Safe for any string. */
    public static String mask(String text) {
        int schemeEnd = text.indexOf("://");
        if (schemeEnd < 0) {
            return text;
        }
        int authorityStart = schemeEnd + 3;
        int at = text.lastIndexOf('@');
        int slash = text.indexOf('/', authorityStart);
        if (at < authorityStart || (slash >= 0 && slash < at)) {
            return text;
        }
        String userInfo = text.substring(authorityStart, at);
        int colon = userInfo.indexOf(':');
        String maskedInfo = colon < 0 ? "***" : userInfo.substring(0, colon) + ":***";
        return text.substring(0, authorityStart) + maskedInfo + text.substring(at);
    }

    public boolean tls() {
        return tls;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public int database() {
        return database;
    }

    /** host:port, for messages. */
    public String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(tls ? "rediss://" : "redis://");
        if (user != null || password != null) {
            s.append(user == null ? "" : user).append(password == null ? "" : ":***").append('@');
        }
        s.append(address());
        if (database != 0) {
            s.append('/').append(database);
        }
        return s.toString();
    }
}
