package dev.baton.store;

import dev.baton.conversation.CustomerPresence;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import redis.clients.jedis.UnifiedJedis;

/** Customer presence in one sorted set of conversation id by when it was last seen, shared by every node. */
public final class RedisCustomerPresence implements CustomerPresence {
    /** Marks older than this are dropped: that customer has long been away, which an absent mark says as well. */
    private static final Duration FORGET_AFTER = Duration.ofDays(30);

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final Clock clock;

    public RedisCustomerPresence(UnifiedJedis redis, RedisKeys keys, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public void seen(Collection<String> conversationIds) {
        if (conversationIds.isEmpty()) {
            return;
        }
        long now = clock.millis();
        Map<String, Double> marks = new HashMap<>();
        conversationIds.forEach(id -> marks.put(id, (double) now));
        redis.zadd(keys.customersSeen(), marks);
    }

    @Override
    public void forgetLongAway() {
        redis.zremrangeByScore(keys.customersSeen(), Double.NEGATIVE_INFINITY,
                clock.millis() - FORGET_AFTER.toMillis());
    }

    @Override
    public OptionalLong lastSeen(String conversationId) {
        Double score = redis.zscore(keys.customersSeen(), conversationId);
        return score == null ? OptionalLong.empty() : OptionalLong.of(score.longValue());
    }
}
