package dev.baton.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.inbox.CannedReplies;
import dev.baton.inbox.CannedReply;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/** Canned replies in one Redis hash, id to JSON. */
public final class RedisCannedReplies implements CannedReplies {
    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final ObjectMapper json;

    public RedisCannedReplies(UnifiedJedis redis, RedisKeys keys, ObjectMapper json) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
    }

    @Override
    public List<CannedReply> all() {
        return redis.hgetAll(keys.cannedReplies()).values().stream().map(this::read)
                .sorted(Comparator.comparing(CannedReply::title)).toList();
    }

    @Override
    public Optional<CannedReply> find(String id) {
        return Optional.ofNullable(redis.hget(keys.cannedReplies(), id)).map(this::read);
    }

    @Override
    public void save(CannedReply reply) {
        try {
            redis.hset(keys.cannedReplies(), reply.id(), json.writeValueAsString(reply));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean delete(String id) {
        return redis.hdel(keys.cannedReplies(), id) > 0;
    }

    private CannedReply read(String value) {
        try {
            return json.readValue(value, CannedReply.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
