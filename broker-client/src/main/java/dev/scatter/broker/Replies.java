package dev.scatter.broker;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small helpers to read script replies and hash fields, whatever form Jedis hands them in. */
final class Replies {

    private Replies() {
    }

    static List<?> list(Object reply) {
        if (reply instanceof List<?> list) {
            return list;
        }
        throw new BrokerException("unexpected script reply: " + reply);
    }

    static String string(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value.toString();
    }

    static long number(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        return Long.parseLong(string(value));
    }

    /** A number written by a script, or {@code otherwise} when absent or not a number (tampered data is not fatal). */
    static long parseLong(String value, long otherwise) {
        if (value == null) {
            return otherwise;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    static int intField(Map<String, String> hash, String field) {
        long value = parseLong(hash.get(field), 0);
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    static long longField(Map<String, String> hash, String field) {
        return parseLong(hash.get(field), 0);
    }

    static Instant instantField(Map<String, String> hash, String field) {
        String value = hash.get(field);
        return value == null ? null : Instant.ofEpochMilli(parseLong(value, 0));
    }

}
