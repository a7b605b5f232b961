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

    static int intField(Map<String, String> hash, String field) {
        String value = hash.get(field);
        return value == null ? 0 : Integer.parseInt(value);
    }

    static long longField(Map<String, String> hash, String field) {
        String value = hash.get(field);
        return value == null ? 0 : Long.parseLong(value);
    }

    static Instant instantField(Map<String, String> hash, String field) {
        String value = hash.get(field);
        return value == null ? null : Instant.ofEpochMilli(Long.parseLong(value));
    }

    /** The parts of a lease member "id:task:attempt:token"; task "r" is the reduce. */
    static String[] leaseParts(String member) {
        String[] parts = member.split(":");
        if (parts.length != 4) {
            throw new BrokerException("unexpected lease member '" + member + "'");
        }
        return parts;
    }

    static int taskIndex(String task) {
        return task.equals("r") ? ClaimedTask.REDUCE : Integer.parseInt(task);
    }
}
