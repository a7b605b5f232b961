package dev.scatter.broker.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Passwords holding each character that means something in a URI ({@code / ? # @ % :}) and a space, and the
 * ways users write (and mistype) a URI with one. Each password is two marked halves around its hard character,
 * so a test can tell that no piece of it was printed, not only not the whole.
 */
public final class HardPasswords {

    public static final String LEFT = "leftHALF";
    public static final String RIGHT = "rightHALF";

    /** One password per hard character, and one with all of them. */
    public static final List<String> ALL = List.of(
            LEFT + "/" + RIGHT, LEFT + "?" + RIGHT, LEFT + "#" + RIGHT, LEFT + "@" + RIGHT, LEFT + "%" + RIGHT,
            LEFT + ":" + RIGHT, LEFT + " " + RIGHT, LEFT + "/?#@%: " + RIGHT);

    /** The password with every hard character. */
    public static final String EVERY = ALL.get(ALL.size() - 1);

    private HardPasswords() {
    }

    /** The password percent-encoded, as the README says to write it. */
    public static String encoded(String password) {
        return URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** URIs that work for {@code host:port}: percent-encoded, with and without a user, and as typed when allowed. */
    public static List<String> validUris(String password, String address) {
        List<String> uris = new ArrayList<>(List.of(
                "redis://:" + encoded(password) + "@" + address,
                "redis://default:" + encoded(password) + "@" + address + "/0"));
        if (!password.contains("%")) {
            // Only % must be encoded: the user-info runs to the last @.
            uris.add("redis://:" + password + "@" + address);
        }
        return uris;
    }

    /** Mistyped URIs, each holding the password as typed: none parses, and none may show any of it. */
    public static List<String> malformedUris(String password, String address) {
        return List.of(
                "redis:/:" + password + "@" + address,
                ":" + password + "@" + address,
                "user:" + password + "@" + address,
                "redsi://:" + password + "@" + address,
                "http://user:" + password + "@" + address,
                "redis//:" + password + "@" + address,
                "redis://:" + password + "@" + address + "/db",
                "redis://:" + password + "@" + address + "?timeout=1",
                "redis://:" + password + "@127.0.0.1:port",
                "redis://:" + password + "@");
    }

    /** Whether any piece of a hard password appears in the text. */
    public static boolean leaks(String text) {
        return text.contains(LEFT) || text.contains(RIGHT);
    }
}
