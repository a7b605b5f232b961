package dev.scatter.broker;

import java.util.ArrayList;
import java.util.List;

/** What renew-3 answers: the lease members it did not renew (gone, or of jobs no longer active). */
record RenewReply(List<String> lost) {

    static RenewReply of(Object raw) {
        List<?> reply = Replies.list(raw);
        List<String> lost = new ArrayList<>(reply.size());
        for (Object member : reply) {
            lost.add(Replies.string(member));
        }
        return new RenewReply(lost);
    }
}
