package dev.baton.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.kb.ContentGaps;
import java.io.UncheckedIOException;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/** Content gaps in a capped Redis list, newest first, shared by every node. */
public final class RedisContentGaps implements ContentGaps {
    /** Long enough to outlive any redelivery of a bot turn (30 s idle), short enough to leave no litter. */
    private static final long SEEN_SECONDS = 3600;

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
        String seen = keys.contentGapSeen(gap.conversationId(), gap.at(), gap.why());
        if (redis.set(seen, "1", SetParams.setParams().nx().ex(SEEN_SECONDS)) == null) {
            return; // a second worker on the same turn
        }
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
