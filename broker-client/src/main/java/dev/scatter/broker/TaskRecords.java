package dev.scatter.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Task records: what settle-8 keeps of each task's last settled attempt in {@code job:<id>:tasks}, so that a job's
 * tasks can be looked at one by one after the job has ended (its partial results are gone by then). A runner
 * describes an attempt with {@link #info}; the script adds the state, attempt and time, and the result when the
 * record stays within {@link #MAX_RECORD_BYTES}. Every bound here keeps a job's records bounded in memory.
 */
public final class TaskRecords {

    /** The largest record of one task; a record whose result would make it larger is kept without the result. */
    public static final int MAX_RECORD_BYTES = 32 * 1024;
    /** The largest total of one job's records; past it, records are counted in {@code taskInfoDropped}, not kept. */
    public static final long MAX_JOB_RECORDS_BYTES = 64L * 1024 * 1024;
    /** The largest info a runner may send; a larger or malformed one is not sent. */
    public static final int MAX_INFO_BYTES = 2 * 1024;
    /** What of a failed attempt's error an info carries (the dead entry keeps the error at length). */
    public static final int INFO_ERROR_CHARS = 300;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_.:@-]{1,100}");
    private static final Pattern PLAIN_INFO = Pattern.compile("\\{\"runner\":\"[A-Za-z0-9_.:@-]{1,100}\",\"ms\":\\d{1,18}}");

    private TaskRecords() {
    }

    /** A runner's description of an attempt: who ran it, for how long, and for a failure its error's gist. */
    public static String info(String runner, long millis, String error) {
        if (error == null && runner != null && SAFE_NAME.matcher(runner).matches()) {
            // The common case, once per task: no JSON tree for a name that needs no escaping.
            return "{\"runner\":\"" + runner + "\",\"ms\":" + millis + "}";
        }
        ObjectNode info = JSON.createObjectNode();
        if (runner != null) {
            info.put("runner", runner);
        }
        info.put("ms", millis);
        if (error != null) {
            info.put("error", Excerpt.middle(error, INFO_ERROR_CHARS));
        }
        return info.toString();
    }

    /** The info as sent: a JSON object within {@link #MAX_INFO_BYTES}, or "" (none). */
    static String checkedInfo(String info) {
        if (info == null || info.getBytes(StandardCharsets.UTF_8).length > MAX_INFO_BYTES) {
            return "";
        }
        if (PLAIN_INFO.matcher(info).matches()) {
            return info;
        }
        try {
            JsonNode node = JSON.readTree(info);
            return node != null && node.isObject() ? node.toString() : "";
        } catch (IOException e) {
            return "";
        }
    }
}
