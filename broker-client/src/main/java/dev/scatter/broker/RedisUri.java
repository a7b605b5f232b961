package dev.scatter.broker;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code REDIS_URL}: {@code redis://[[user]:password@]host[:port][/database]}, or {@code rediss://}
 * for TLS. A user-info without a colon is taken as a password, as most Redis clients do.
 *
 * <p>The user-info runs to the <em>last</em> {@code @}, since a host, port and database never hold one: so a
 * password may hold {@code / ? # @ :} and spaces as they are. A {@code %} starts a percent-encoded byte, so a
 * password's own {@code %} is written {@code %25}; any character may be written percent-encoded
 * ({@code %2F} for {@code /}, {@code %40} for {@code @}), as other clients need.
 *
 * <p>Nothing that could be a secret is ever shown: {@link #toString()} and every message about a URI are built
 * from the parts that parsed as a scheme, a host, a port or a database, with {@code ***} for the user-info, the
 * query, and any part that did not parse ({@link #mask(String)}).
 */
public final class RedisUri {

    public static final int DEFAULT_PORT = 6379;
    private static final String FORM = "redis://[[user]:password@]host[:port][/database] or rediss://... for TLS";
    private static final String HIDDEN = "***";

    /** A scheme as RFC 3986 writes it, followed by its colon and any slashes. */
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):(/*)");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.?");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]+]");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern HEX2 = Pattern.compile("[0-9A-Fa-f]{2}");

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
        String trimmed = text.strip();
        String shown = "'" + mask(trimmed) + "'";
        Matcher scheme = SCHEME.matcher(trimmed);
        if (!scheme.lookingAt()) {
            throw new InvalidRedisUriException("not a Redis URI: " + shown + " does not start with redis:// or"
                    + " rediss://; expected " + FORM);
        }
        String name = scheme.group(1);
        boolean redis = name.equalsIgnoreCase("redis") || name.equalsIgnoreCase("rediss");
        if (!redis && scheme.group(2).length() == 2) {
            throw new InvalidRedisUriException("not a Redis URI: " + shown + " (the scheme must be redis or rediss,"
                    + " not " + name + "); expected " + FORM);
        }
        if (!redis || scheme.group(2).length() != 2) {
            throw new InvalidRedisUriException("not a Redis URI: " + shown + " does not start with redis:// or"
                    + " rediss:// (a colon and two slashes); expected " + FORM);
        }
        String rest = trimmed.substring(scheme.end());
        int at = rest.lastIndexOf('@');
        String user = null;
        String password = null;
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            int colon = userInfo.indexOf(':');
            String rawUser = colon < 0 ? "" : userInfo.substring(0, colon);
            String rawPassword = colon < 0 ? userInfo : userInfo.substring(colon + 1);
            user = emptyToNull(decode(rawUser, "user name", shown));
            password = emptyToNull(decode(rawPassword, "password", shown));
        }
        String address = rest.substring(at + 1);
        if (address.indexOf('#') >= 0) {
            throw new InvalidRedisUriException("Redis URI " + shown + " has a fragment (#...) after its host: if the"
                    + " password holds a #, it must come before the last @");
        }
        if (address.indexOf('?') >= 0) {
            throw new InvalidRedisUriException("Redis URI " + shown + " has options (?...) that Scatter does not read");
        }
        int slash = address.indexOf('/');
        String authority = slash < 0 ? address : address.substring(0, slash);
        String path = slash < 0 ? "" : address.substring(slash + 1);
        int database = 0;
        if (!path.isEmpty()) {
            if (!DIGITS.matcher(path).matches() || path.length() > 9) {
                throw new InvalidRedisUriException("the database in Redis URI " + shown
                        + " must be a number, as in /0");
            }
            database = Integer.parseInt(path);
        }
        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0 || !IPV6.matcher(authority.substring(0, close + 1)).matches()) {
                throw new InvalidRedisUriException("the host in Redis URI " + shown + " is not an IPv6 address");
            }
            host = authority.substring(1, close);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new InvalidRedisUriException("the host in Redis URI " + shown + " is not an IPv6 address");
                }
                portText = after.substring(1);
            }
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
            if (host.isEmpty()) {
                throw new InvalidRedisUriException("no host in Redis URI " + shown + "; expected " + FORM);
            }
            if (!HOST_NAME.matcher(host).matches()) {
                throw new InvalidRedisUriException("the host in Redis URI " + shown + " is not a host name or IP"
                        + " address (letters, digits, '.', '-', '_'; IPv6 in brackets); a password with '@' must"
                        + " come before the last @");
            }
        }
        int port = DEFAULT_PORT;
        if (portText != null) {
            if (!DIGITS.matcher(portText).matches() || portText.length() > 5 || Integer.parseInt(portText) < 1
                    || Integer.parseInt(portText) > 65535) {
                throw new InvalidRedisUriException("the port in Redis URI " + shown
                        + " must be a number from 1 to 65535");
            }
            port = Integer.parseInt(portText);
        }
        return new RedisUri(name.equalsIgnoreCase("rediss"), host, port, user, password, database);
    }

    /**
     * The text of a Redis URI, however malformed, with nothing shown that could be a secret: a recognised
     * scheme, {@code ***} for everything from there (or from the start) to the last {@code @}, and of the rest
     * only what reads as a host, a port and a database; the query, the fragment and anything else become
     * {@code ***}. Built from those parts, never by cutting a secret out, so it is safe for any string.
     */
    public static String mask(String text) {
        if (text == null) {
            return "";
        }
        String s = text.strip();
        StringBuilder shown = new StringBuilder();
        int start = 0;
        Matcher scheme = SCHEME.matcher(s);
        // A scheme counts when slashes follow it ("redsi://", "redis:/") or it is redis's own ("redis::pw@h"):
        // "user:pw@h" has no scheme, and is hidden up to its @.
        if (scheme.lookingAt() && (!scheme.group(2).isEmpty() || scheme.group(1).equalsIgnoreCase("redis")
                || scheme.group(1).equalsIgnoreCase("rediss"))) {
            shown.append(scheme.group());
            start = scheme.end();
        }
        int at = s.lastIndexOf('@');
        if (at >= start) {
            shown.append(HIDDEN).append('@');
            start = at + 1;
        }
        String address = s.substring(start);
        int end = firstOf(address, "/?#");
        shown.append(maskAuthority(address.substring(0, end)));
        String tail = address.substring(end);
        if (tail.startsWith("/")) {
            int stop = firstOf(tail, "?#");
            String path = tail.substring(1, stop);
            shown.append('/').append(path.isEmpty() || DIGITS.matcher(path).matches() ? path : HIDDEN);
            tail = tail.substring(stop);
        }
        if (tail.startsWith("?")) {
            shown.append('?').append(HIDDEN);
            tail = tail.substring(Math.max(1, firstOf(tail.substring(1), "#") + 1));
        }
        if (tail.startsWith("#")) {
            shown.append('#').append(HIDDEN);
        }
        return shown.toString();
    }

    private static String maskAuthority(String authority) {
        if (authority.isEmpty()) {
            return "";
        }
        String host = authority;
        String port = null;
        if (authority.startsWith("[") && authority.indexOf(']') > 0) {
            int close = authority.indexOf(']');
            host = authority.substring(0, close + 1);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                port = after.startsWith(":") ? after.substring(1) : null;
                if (port == null) {
                    return HIDDEN;
                }
            }
        } else if (authority.indexOf(':') >= 0) {
            host = authority.substring(0, authority.indexOf(':'));
            port = authority.substring(authority.indexOf(':') + 1);
        }
        boolean hostOk = host.isEmpty() || HOST_NAME.matcher(host).matches() || IPV6.matcher(host).matches();
        StringBuilder shown = new StringBuilder(hostOk ? host : HIDDEN);
        if (port != null) {
            shown.append(':').append(DIGITS.matcher(port).matches() ? port : HIDDEN);
        }
        return shown.toString();
    }

    private static int firstOf(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    /** Percent-decodes a user name or password as UTF-8; the message names the part, never its text. */
    private static String decode(String raw, String part, String shown) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 3 > raw.length() || !HEX2.matcher(raw.substring(i + 1, i + 3)).matches()) {
                    throw new InvalidRedisUriException("the " + part + " in Redis URI " + shown + " has a % that does"
                            + " not start a percent-encoded character: write a % in a " + part + " as %25");
                }
                bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < raw.length()) {
                    utf8 = raw.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(utf8);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRedisUriException("the " + part + " in Redis URI " + shown + " is percent-encoded, but"
                    + " not as UTF-8 text");
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
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

    /** The URI with its password as ***: safe to log. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(tls ? "rediss://" : "redis://");
        if (user != null || password != null) {
            s.append(user == null ? "" : printable(user)).append(password == null ? "" : ":" + HIDDEN).append('@');
        }
        s.append(address());
        if (database != 0) {
            s.append('/').append(database);
        }
        return s.toString();
    }

    /** A user name as it may be shown: control characters (a newline would forge a log line) as '?'. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }
}
