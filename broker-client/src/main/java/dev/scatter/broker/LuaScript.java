package dev.scatter.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Lua script loaded from this package's {@code scripts/} resources. Its file name ends with its number of
 * fixed KEYS ({@code settle-8.lua}); scripts that meet several jobs take a few more keys per job, declared by the
 * caller. Both are checked at every call. The SHA-1 is computed here, as Redis does, so the first call can
 * already be an EVALSHA.
 */
public enum LuaScript {
    SUBMIT("submit-6", 0),
    CLAIM("claim-7", 0),
    RENEW("renew-3", 1),
    SETTLE("settle-8", 5),
    RECOVER("recover-7", 0),
    CANCEL("cancel-11", 0),
    RETRY_DEAD("retry-dead-10", 0),
    BEAT("beat-2", 0),
    PARENT("parent-6", 0),
    SHARD_END("shard-end-8", 0);

    private final String fileName;
    private final String source;
    private final String sha1;
    private final int keyCount;
    private final int keysPerJob;

    LuaScript(String name, int keysPerJob) {
        this.keysPerJob = keysPerJob;
        this.fileName = name + ".lua";
        this.source = read(fileName);
        this.sha1 = sha1(source);
        Matcher m = Pattern.compile("-(\\d+)$").matcher(name);
        if (!m.find()) {
            throw new IllegalStateException("script name without key count: " + name);
        }
        this.keyCount = Integer.parseInt(m.group(1));
    }

    public String fileName() {
        return fileName;
    }

    public String source() {
        return source;
    }

    public String sha1() {
        return sha1;
    }

    /** The fixed KEYS, which every call passes first. */
    public int keyCount() {
        return keyCount;
    }

    /** KEYS passed after the fixed ones for each job the call meets; 0 for scripts that take no such keys. */
    public int keysPerJob() {
        return keysPerJob;
    }

    /** Whether a call may pass {@code keys} KEYS. */
    boolean takes(int keys) {
        int extra = keys - keyCount;
        return keysPerJob == 0 ? extra == 0 : extra >= 0 && extra % keysPerJob == 0;
    }

    private static String read(String fileName) {
        try (InputStream in = LuaScript.class.getResourceAsStream("scripts/" + fileName)) {
            if (in == null) {
                throw new IllegalStateException("missing script resource " + fileName);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
