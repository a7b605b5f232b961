package dev.scatter.broker;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Listens on pub/sub channels in a thread of its own, on a connection of its own (never a pooled one), and hands
 * each message to a callback; reconnects and resubscribes with capped back-off when the connection drops. Messages are hints (a job ended, work is ready): a listener must
 * also poll now and then, because messages sent while the connection was down are lost.
 */
public final class ChannelSubscription implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelSubscription.class);

    private final Supplier<Jedis> connect;
    private final List<String> channels;
    private final Consumer<String> onMessage;
    private final Runnable onSubscribed;
    private final Thread thread;
    private volatile boolean closed;
    private volatile JedisPubSub current;
    private volatile Jedis connection;

    ChannelSubscription(Supplier<Jedis> connect, List<String> channels, Consumer<String> onMessage, Runnable onSubscribed) {
        this.connect = connect;
        this.channels = List.copyOf(channels);
        this.onMessage = onMessage;
        this.onSubscribed = onSubscribed;
        this.thread = new Thread(this::listen, "scatter-subscription");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void listen() {
        Backoff backoff = new Backoff();
        while (!closed) {
            JedisPubSub pubSub = new JedisPubSub() {
                @Override
                public void onMessage(String channel, String message) {
                    onMessage.accept(message);
                }

                @Override
                public void onSubscribe(String channel, int subscribedChannels) {
                    if (subscribedChannels == channels.size()) {
                        onSubscribed.run();
                    }
                }
            };
            current = pubSub;
            try (Jedis jedis = connect.get()) {
                connection = jedis;
                if (closed) {
                    return;
                }
                jedis.subscribe(pubSub, channels.toArray(String[]::new));
                backoff.reset();
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.debug("subscription to {} dropped: {}", channels, e.getMessage());
                // Whatever was published meanwhile is lost: tell the listener to look for itself.
                onMessage.accept("");
                pause(backoff.nextMillis());
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        JedisPubSub pubSub = current;
        if (pubSub != null && pubSub.isSubscribed()) {
            try {
                pubSub.unsubscribe();
            } catch (RuntimeException ignored) {
                // the connection is already gone
            }
        }
        // Closing the socket ends a subscribe that is still being set up; the connection is ours alone.
        Jedis jedis = connection;
        if (jedis != null) {
            try {
                jedis.close();
            } catch (RuntimeException ignored) {
                // already closed
            }
        }
        thread.interrupt();
    }
}
