package dev.scatter.runner;

import dev.scatter.broker.Broker;
import dev.scatter.broker.BrokerException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queues a runner claims from and recovers: those it was given, and the shard queues that sharded jobs of
 * those have used, read every few seconds, so that a sharded job's tasks reach every runner of its queue with no
 * runner told of shards. It also does the runner's share of the sharded jobs' check ({@link Broker#checkShardedJobs}).
 */
final class ServedQueues {

    private static final Logger LOG = LoggerFactory.getLogger(ServedQueues.class);

    private final Broker broker;
    private final List<String> given;
    private volatile List<String> all;

    ServedQueues(Broker broker, List<String> given) {
        this.broker = broker;
        this.given = List.copyOf(given);
        this.all = this.given;
    }

    /** The queues given, then the shard queues found so far. */
    List<String> all() {
        return all;
    }

    /**
     * Reads each given queue's shard queues and checks its sharded jobs. A queue that cannot be read keeps what
     * was found before: shard queues are never forgotten while the runner lives (an empty one costs a claim call
     * a second). Returns false when some queue could not be read.
     */
    boolean refresh() {
        boolean read = true;
        Set<String> queues = new LinkedHashSet<>(all);
        for (String queue : given) {
            try {
                queues.addAll(broker.shardQueues(queue));
                int told = broker.checkShardedJobs(queue);
                if (told > 0) {
                    LOG.info("queue {}: told sharded jobs of {} shards that had ended", queue, told);
                }
            } catch (BrokerException e) {
                LOG.debug("queue {}: shard queues not read: {}", queue, e.getMessage());
                read = false;
            }
        }
        if (queues.size() != all.size()) {
            List<String> added = new ArrayList<>(queues);
            added.removeAll(all);
            LOG.info("serving the shard queues {} too", String.join(",", added));
            all = List.copyOf(queues);
        }
        return read;
    }
}
