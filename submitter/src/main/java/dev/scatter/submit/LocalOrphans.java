package dev.scatter.submit;

import dev.scatter.broker.Broker;
import dev.scatter.broker.CancelOutcome;
import dev.scatter.broker.JobId;
import dev.scatter.broker.QueueKeys;
import java.io.PrintWriter;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Jobs a local run left active when it was interrupted (Ctrl-C, a kill): no runner serves the local store but
 * its owner's, so whoever owns the store next cancels them, rather than run an old job's tasks unasked. They stay
 * readable, as cancelled, until their TTL.
 */
final class LocalOrphans {

    private static final Pattern ACTIVE_KEY = Pattern.compile(Pattern.quote(QueueKeys.ROOT) + "\\{([^}]+)\\}:active");

    private LocalOrphans() {
    }

    static void cancel(Broker broker, String uri, PrintWriter err) {
        try (RedisClient redis = RedisClient.create(URI.create(uri))) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = redis.scan(cursor, new ScanParams().match(QueueKeys.ROOT + "{*}:active")
                        .count(1000));
                for (String key : page.getResult()) {
                    Matcher m = ACTIVE_KEY.matcher(key);
                    if (!m.matches()) {
                        continue;
                    }
                    for (String id : redis.hkeys(key)) {
                        JobId job = new JobId(m.group(1), id);
                        if (broker.cancel(job) == CancelOutcome.CANCELLED) {
                            err.println("submit: cancelled job " + job + ", left unfinished by an interrupted local run");
                        }
                    }
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
    }
}
