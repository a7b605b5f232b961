package dev.scatter.cli;

import dev.scatter.broker.InvalidRedisUriException;
import dev.scatter.broker.RedisUri;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a command must never print: the Redis URIs it was given (the --redis value, REDIS_URL, and any argument
 * that looks like a URI with a user-info, such as a value given to the wrong option) and the passwords in them,
 * whether or not they parse. {@link #scrub(String)} replaces each URI by its {@link RedisUri#mask masked} form
 * and each password by ***: it guards what picocli echoes of the command line, internal errors, and every
 * log line (see {@link Logging}).
 */
public final class Secrets {

    public static final Secrets NONE = new Secrets(List.of(), List.of());

    /** Texts replaced by their masked form, longest first (a URI before a password it contains). */
    private final List<String> uris;
    /** Texts replaced by ***: passwords, as given and decoded. */
    private final List<String> passwords;

    private Secrets(List<String> uris, List<String> passwords) {
        this.uris = uris;
        this.passwords = passwords;
    }

    /**
     * The secrets in a command line and its REDIS_URL: the value of --redis, and every argument that looks like
     * a URI with a user-info (one with "://", or a colon before its last @), wherever it stands: a URI given to
     * a mistyped option is echoed by the parser as an unknown argument.
     */
    public static Secrets of(String[] args, Map<String, String> env) {
        List<String> candidates = new ArrayList<>();
        String[] all = args == null ? new String[0] : args;
        for (int i = 0; i < all.length; i++) {
            String arg = all[i];
            if (arg.equals("--redis") && i + 1 < all.length) {
                candidates.add(all[i + 1]);
            } else if (arg.startsWith("--redis=")) {
                candidates.add(arg.substring("--redis=".length()));
            }
            int eq = arg.indexOf('=');
            for (String text : eq > 0 && arg.startsWith("-") ? List.of(arg, arg.substring(eq + 1)) : List.of(arg)) {
                int at = text.lastIndexOf('@');
                if (at > 0 && (text.contains("://") || text.lastIndexOf(':', at) >= 0)) {
                    candidates.add(text);
                }
            }
        }
        String fromEnv = env == null ? null : env.get(RedisSource.ENV);
        if (fromEnv != null) {
            candidates.add(fromEnv);
        }
        return ofUris(candidates);
    }

    /** The secrets of the given URI texts (those without an @ hold none and are skipped). */
    public static Secrets ofUris(List<String> texts) {
        Set<String> uris = new LinkedHashSet<>();
        Set<String> passwords = new LinkedHashSet<>();
        for (String text : texts) {
            // A sentinel password sits in the query, with or without an @ before it.
            if (text == null || (text.indexOf('@') < 0 && text.indexOf('?') < 0)) {
                continue;
            }
            uris.add(text);
            uris.add(text.strip());
            if (text.indexOf('@') >= 0) {
                // Whatever parses or not: everything between the scheme (or the start) and the last @.
                String userInfo = userInfo(text.strip());
                addSecret(passwords, userInfo);
                int colon = userInfo.indexOf(':');
                if (colon >= 0) {
                    addSecret(passwords, userInfo.substring(colon + 1));
                }
            }
            addQueryValues(passwords, text.strip());
            try {
                RedisUri uri = RedisUri.parse(text);
                addSecret(passwords, uri.password());
                addSecret(passwords, uri.sentinelPassword());
            } catch (InvalidRedisUriException unparsable) {
                // its raw user-info and query values are covered above
            }
        }
        List<String> passwordList = new ArrayList<>();
        for (String p : passwords) {
            passwordList.add(p);
            String encoded = URLEncoder.encode(p, StandardCharsets.UTF_8);
            if (!encoded.equals(p)) {
                passwordList.add(encoded);
                passwordList.add(encoded.replace("+", "%20"));
            }
        }
        Comparator<String> longestFirst = Comparator.comparingInt(String::length).reversed();
        return new Secrets(uris.stream().sorted(longestFirst).toList(),
                passwordList.stream().distinct().sorted(longestFirst).toList());
    }

    /** Every value of the query after the last @ (a sentinel password, as written), whatever parses or not. */
    private static void addQueryValues(Set<String> passwords, String text) {
        int question = text.indexOf('?', Math.max(0, text.lastIndexOf('@')));
        if (question < 0) {
            return;
        }
        int hash = text.lastIndexOf('#');
        String query = text.substring(question + 1, hash > question ? hash : text.length());
        for (String option : query.split("&")) {
            int equals = option.indexOf('=');
            addSecret(passwords, equals < 0 ? option : option.substring(equals + 1));
        }
    }

    private static void addSecret(Set<String> passwords, String secret) {
        if (secret != null && !secret.isEmpty()) {
            passwords.add(secret);
        }
    }

    /** What precedes the last @, after a scheme and its slashes if there is one. */
    private static String userInfo(String text) {
        int at = text.lastIndexOf('@');
        int start = 0;
        int colon = text.indexOf(':');
        if (colon > 0 && colon < at && text.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")
                && text.startsWith("/", colon + 1)) {
            start = colon + 1;
            while (start < at && text.charAt(start) == '/') {
                start++;
            }
        }
        return text.substring(start, at);
    }

    /** The text with every known URI masked and every known password replaced by ***. */
    public String scrub(String text) {
        if (text == null || (uris.isEmpty() && passwords.isEmpty())) {
            return text;
        }
        String clean = text;
        for (String uri : uris) {
            clean = clean.replace(uri, RedisUri.mask(uri));
        }
        for (String password : passwords) {
            clean = clean.replace(password, "***");
        }
        return clean;
    }

    /** The passwords, for encoders that must also find them escaped (JSON). */
    List<String> passwords() {
        return passwords;
    }

    /** The URI texts. */
    List<String> uris() {
        return uris;
    }
}
