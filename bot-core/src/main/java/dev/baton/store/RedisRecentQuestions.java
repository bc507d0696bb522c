package dev.baton.store;

import dev.baton.kb.RecentQuestions;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/** The latest customer questions in a capped Redis list, shared by every node. */
public final class RedisRecentQuestions implements RecentQuestions {
    private final UnifiedJedis redis;
    private final RedisKeys keys;

    public RedisRecentQuestions(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    @Override
    public void record(String question) {
        try (var tx = redis.multi()) {
            tx.lpush(keys.recentQuestions(), question);
            tx.ltrim(keys.recentQuestions(), 0, KEPT - 1L);
            tx.exec();
        }
    }

    @Override
    public List<String> latest(int limit) {
        return redis.lrange(keys.recentQuestions(), 0, Math.min(limit, KEPT) - 1L);
    }
}
