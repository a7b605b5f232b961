package dev.scatter.broker.testing;

import dev.scatter.broker.QueueKeys;
import java.time.Duration;
import java.util.List;
import redis.clients.jedis.RedisClient;

/**
 * Moves a queue's clock in Redis by hand, so lease expiry and back-off are exact and instant. The protocol keeps
 * time by Redis's clock plus the queue's own offset (docs/protocol.md, "Time"); moving the offset is what an hour
 * passing looks like to every script.
 */
public final class QueueClock {

    private static final String ADVANCE = """
            local t = redis.call('TIME')
            local real = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local c = redis.call('HMGET', KEYS[1], 'real', 'queue')
            local now = tonumber(c[2]) or real
            redis.call('HSET', KEYS[1], 'real', tonumber(c[1]) or real, 'queue', now + tonumber(ARGV[1]))
            return now + tonumber(ARGV[1])
            """;

    private RedisFixture redis;

    /** The fixture whose queue this clock moves. */
    public QueueClock bind(RedisFixture redis) {
        this.redis = redis;
        return this;
    }

    public void advance(Duration duration) {
        advance(redis.queue(), duration);
    }

    public void advance(String queue, Duration duration) {
        try (RedisClient client = RedisClient.create(redis.uri())) {
            client.eval(ADVANCE, List.of(new QueueKeys(queue).clock()), List.of(Long.toString(duration.toMillis())));
        }
    }

    /**
     * Sets the clock's record of Redis's time back by {@code gap}, as if no call had reached the queue for that
     * long: what an outage looks like to the next script.
     */
    public void pretendNobodyCalledFor(Duration gap) {
        try (RedisClient client = RedisClient.create(redis.uri())) {
            client.eval("""
                    local t = redis.call('TIME')
                    local real = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
                    redis.call('HSET', KEYS[1], 'real', real - tonumber(ARGV[1]))
                    if not redis.call('HGET', KEYS[1], 'queue') then redis.call('HSET', KEYS[1], 'queue', real) end
                    """, List.of(new QueueKeys(redis.queue()).clock()), List.of(Long.toString(gap.toMillis())));
        }
    }
}
