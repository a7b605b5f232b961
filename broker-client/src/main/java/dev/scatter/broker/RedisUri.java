package dev.scatter.broker;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code REDIS_URL}, in one of three forms ({@code rediss} in place of {@code redis} for TLS):
 * <ul>
 * <li>{@code redis://[[user]:password@]host[:port][/database]}: one Redis server;
 * <li>{@code redis-sentinel://[[user]:password@]host[:port][,host[:port]...][/database][?sentinelPassword=...]#master}:
 *     the sentinels (port 26379 by default) that are asked for the current master of the name after the
 *     {@code #}. The user-info authenticates to the master (and replicas); sentinels are asked without
 *     credentials unless the query gives their own: {@code sentinelUser} and {@code sentinelPassword},
 *     percent-encoded;
 * <li>{@code redis-cluster://[[user]:password@]host[:port][,host[:port]...]}: seed nodes of a Redis Cluster,
 *     from which the rest of the cluster is learnt (database 0 only, as Cluster has no other).
 * </ul>
 * A user-info without a colon is taken as a password, as most Redis clients do.
 *
 * <p>The user-info runs to the <em>last</em> {@code @}, since a host, port and database never hold one: so a
 * password may hold {@code / ? # @ :} and spaces as they are. A {@code %} starts a percent-encoded byte, so a
 * password's own {@code %} is written {@code %25}; any character may be written percent-encoded
 * ({@code %2F} for {@code /}, {@code %40} for {@code @}), as other clients need. A sentinel password in the
 * query must be percent-encoded wherever it holds one of {@code @ # & % =}.
 *
 * <p>Nothing that could be a secret is ever shown: {@link #toString()} and every message about a URI are built
 * from the parts that parsed as a scheme, a host, a port or a database, with {@code ***} for the user-info, the
 * query, the fragment and any part that did not parse ({@link #mask(String)}).
 */
public final class RedisUri {

    public static final int DEFAULT_PORT = 6379;
    public static final int DEFAULT_SENTINEL_PORT = 26379;
    private static final String FORM = "redis://[[user]:password@]host[:port][/database],"
            + " redis-sentinel://[[user]:password@]host[:port][,host[:port]...][/database]#master or"
            + " redis-cluster://[[user]:password@]host[:port][,host[:port]...] (rediss... for TLS)";
    private static final String HIDDEN = "***";

    /** How the servers named by a URI are reached. */
    public enum Topology {
        /** One server, the URI's host. */
        STANDALONE("redis"),
        /** The master that the sentinels name; followed across failovers. */
        SENTINEL("redis-sentinel"),
        /** A Redis Cluster, learnt from its seed nodes; MOVED and ASK are followed. */
        CLUSTER("redis-cluster");

        private final String scheme;

        Topology(String scheme) {
            this.scheme = scheme;
        }

        String scheme(boolean tls) {
            return tls ? scheme.replaceFirst("^redis", "rediss") : scheme;
        }
    }

    /** One host and port named by a URI. */
    public record Node(String host, int port) {
        /** host:port, IPv6 hosts in brackets. */
        public String address() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** A scheme as RFC 3986 writes it, followed by its colon and any slashes. */
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):(/*)");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.?");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]+]");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern HEX2 = Pattern.compile("[0-9A-Fa-f]{2}");
    private static final Pattern MASTER_NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    private static final Pattern OPTION_NAME = Pattern.compile("[A-Za-z]{1,32}");

    private final Topology topology;
    private final boolean tls;
    private final List<Node> nodes;
    private final String user;
    private final String password;
    private final int database;
    private final String masterName;
    private final String sentinelUser;
    private final String sentinelPassword;

    private RedisUri(Topology topology, boolean tls, List<Node> nodes, String user, String password, int database,
                     String masterName, String sentinelUser, String sentinelPassword) {
        this.topology = topology;
        this.tls = tls;
        this.nodes = List.copyOf(nodes);
        this.user = user;
        this.password = password;
        this.database = database;
        this.masterName = masterName;
        this.sentinelUser = sentinelUser;
        this.sentinelPassword = sentinelPassword;
    }

    public static RedisUri of(String host, int port) {
        return new RedisUri(Topology.STANDALONE, false, List.of(new Node(host, port)), null, null, 0, null, null, null);
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
        Topology topology = topologyOf(name);
        if (topology == null && scheme.group(2).length() == 2) {
            throw new InvalidRedisUriException("not a Redis URI: " + shown + " (the scheme must be redis or rediss,"
                    + " redis-sentinel or redis-cluster, not " + name + "); expected " + FORM);
        }
        if (topology == null || scheme.group(2).length() != 2) {
            throw new InvalidRedisUriException("not a Redis URI: " + shown + " does not start with redis:// or"
                    + " rediss:// (a colon and two slashes); expected " + FORM);
        }
        boolean tls = name.toLowerCase(java.util.Locale.ROOT).startsWith("rediss");
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
        String masterName = null;
        int hash = address.indexOf('#');
        if (topology == Topology.SENTINEL) {
            if (hash < 0) {
                throw new InvalidRedisUriException("Redis URI " + shown + " names no master: a redis-sentinel:// URI"
                        + " ends with #, then the name the sentinels know the master by, as in #mymaster");
            }
            masterName = address.substring(hash + 1);
            if (!MASTER_NAME.matcher(masterName).matches()) {
                throw new InvalidRedisUriException("the master name after the # in Redis URI " + shown + " must be 1"
                        + " to 128 letters, digits, '_', '.', ':' or '-'");
            }
            address = address.substring(0, hash);
        } else if (hash >= 0) {
            throw new InvalidRedisUriException("Redis URI " + shown + " has a fragment (#...) after its host: if the"
                    + " password holds a #, it must come before the last @");
        }
        String sentinelUser = null;
        String sentinelPassword = null;
        int question = address.indexOf('?');
        if (question >= 0) {
            if (topology != Topology.SENTINEL) {
                throw new InvalidRedisUriException("Redis URI " + shown + " has options (?...) that Scatter does not"
                        + " read");
            }
            for (String option : address.substring(question + 1).split("&", -1)) {
                int equals = option.indexOf('=');
                String key = equals < 0 ? option : option.substring(0, equals);
                String value = equals < 0 ? "" : option.substring(equals + 1);
                if (key.equals("sentinelPassword")) {
                    sentinelPassword = emptyToNull(decode(value, "sentinel password", shown));
                } else if (key.equals("sentinelUser")) {
                    sentinelUser = emptyToNull(decode(value, "sentinel user name", shown));
                } else {
                    String named = OPTION_NAME.matcher(key).matches() ? " '" + key + "'" : "";
                    throw new InvalidRedisUriException("Redis URI " + shown + " has an option" + named + " that"
                            + " Scatter does not read: a redis-sentinel:// URI takes sentinelUser and"
                            + " sentinelPassword");
                }
            }
            address = address.substring(0, question);
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
            if (topology == Topology.CLUSTER && database != 0) {
                throw new InvalidRedisUriException("Redis URI " + shown + " names database " + database + ", but a"
                        + " Redis Cluster has database 0 only");
            }
        }
        if (authority.isEmpty()) {
            throw new InvalidRedisUriException("no host in Redis URI " + shown + "; expected " + FORM);
        }
        String[] parts = authority.split(",", -1);
        if (parts.length > 1 && topology == Topology.STANDALONE) {
            throw new InvalidRedisUriException("Redis URI " + shown + " names several hosts: a redis:// URI names"
                    + " one; use redis-sentinel://...#master for sentinels, redis-cluster:// for a cluster's nodes");
        }
        int defaultPort = topology == Topology.SENTINEL ? DEFAULT_SENTINEL_PORT : DEFAULT_PORT;
        List<Node> nodes = new ArrayList<>();
        for (String part : parts) {
            nodes.add(node(part, defaultPort, shown));
        }
        return new RedisUri(topology, tls, nodes, user, password, database, masterName, sentinelUser,
                sentinelPassword);
    }

    private static Topology topologyOf(String scheme) {
        String lower = scheme.toLowerCase(java.util.Locale.ROOT);
        for (Topology topology : Topology.values()) {
            if (lower.equals(topology.scheme(false)) || lower.equals(topology.scheme(true))) {
                return topology;
            }
        }
        return null;
    }

    /** One host[:port] of the authority. */
    private static Node node(String authority, int defaultPort, String shown) {
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
        int port = defaultPort;
        if (portText != null) {
            if (!DIGITS.matcher(portText).matches() || portText.length() > 5 || Integer.parseInt(portText) < 1
                    || Integer.parseInt(portText) > 65535) {
                throw new InvalidRedisUriException("the port in Redis URI " + shown
                        + " must be a number from 1 to 65535");
            }
            port = Integer.parseInt(portText);
        }
        return new Node(host, port);
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
        if (scheme.lookingAt() && (!scheme.group(2).isEmpty() || topologyOf(scheme.group(1)) != null)) {
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
        String[] authorities = address.substring(0, end).split(",", -1);
        for (int i = 0; i < authorities.length; i++) {
            shown.append(i == 0 ? "" : ",").append(maskAuthority(authorities[i]));
        }
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

    public Topology topology() {
        return topology;
    }

    public boolean tls() {
        return tls;
    }

    /** The one server of a redis:// URI; the first sentinel or seed node of the others. */
    public String host() {
        return nodes.get(0).host();
    }

    public int port() {
        return nodes.get(0).port();
    }

    /** The server, the sentinels or the seed nodes, as written. */
    public List<Node> nodes() {
        return nodes;
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

    /** The name the sentinels know the master by; null unless {@link Topology#SENTINEL}. */
    public String masterName() {
        return masterName;
    }

    /** The user to authenticate to the sentinels as; null for none. */
    public String sentinelUser() {
        return sentinelUser;
    }

    /** The sentinels' own password; null when they are asked without one. */
    public String sentinelPassword() {
        return sentinelPassword;
    }

    /**
     * Where the URI points, for messages: host:port for one server; the master's name and the sentinels for
     * Sentinel ("mymaster via sentinels h1:26379,h2:26379"); the seed nodes for Cluster ("cluster h1:7000,...").
     */
    public String address() {
        String list = String.join(",", nodes.stream().map(Node::address).toList());
        return switch (topology) {
            case STANDALONE -> list;
            case SENTINEL -> masterName + " via sentinels " + list;
            case CLUSTER -> "cluster " + list;
        };
    }

    /** The URI with its passwords as ***: safe to log. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(topology.scheme(tls)).append("://");
        if (user != null || password != null) {
            s.append(user == null ? "" : printable(user)).append(password == null ? "" : ":" + HIDDEN).append('@');
        }
        s.append(String.join(",", nodes.stream().map(Node::address).toList()));
        if (database != 0) {
            s.append('/').append(database);
        }
        if (sentinelUser != null || sentinelPassword != null) {
            List<String> options = new ArrayList<>();
            if (sentinelUser != null) {
                options.add("sentinelUser=" + printable(sentinelUser));
            }
            if (sentinelPassword != null) {
                options.add("sentinelPassword=" + HIDDEN);
            }
            s.append('?').append(String.join("&", options));
        }
        if (masterName != null) {
            s.append('#').append(masterName);
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
