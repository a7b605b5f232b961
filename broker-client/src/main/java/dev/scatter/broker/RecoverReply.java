package dev.scatter.broker;

import java.util.ArrayList;
import java.util.List;

/** What recover-7 answers: how many due retries it made ready, then the expired leases for settle-8 to end. */
record RecoverReply(int promoted, List<String> expired) {

    static RecoverReply of(Object raw) {
        List<?> reply = Replies.list(raw);
        List<String> expired = new ArrayList<>(reply.size() - 1);
        for (Object member : reply.subList(1, reply.size())) {
            expired.add(Replies.string(member));
        }
        return new RecoverReply((int) Replies.number(reply.get(0)), expired);
    }
}
