package dev.baton.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.kb.ContentGaps;
import java.io.UncheckedIOException;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/** Content gaps in a capped Redis list, newest first, shared by every node. */
public final class RedisContentGaps implements ContentGaps {
    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final ObjectMapper json;

    public RedisContentGaps(UnifiedJedis redis, RedisKeys keys, ObjectMapper json) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
    }

    @Override
    public void record(Gap gap) {
        try {
            String value = json.writeValueAsString(gap);
            try (var tx = redis.multi()) {
                tx.lpush(keys.contentGaps(), value);
                tx.ltrim(keys.contentGaps(), 0, KEPT - 1L);
                tx.exec();
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<Gap> latest(int limit) {
        return redis.lrange(keys.contentGaps(), 0, Math.min(limit, KEPT) - 1L).stream().map(value -> {
            try {
                return json.readValue(value, Gap.class);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }
}
