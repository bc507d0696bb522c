package dev.baton.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.kb.ExampleProposals;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * Proposed examples in Redis: a hash of id to proposal and a sorted set of ids by time, shared by every node. The
 * id is derived from the question and the article, so the same proposal from several nodes is stored once.
 */
public final class RedisExampleProposals implements ExampleProposals {
    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final ObjectMapper json;

    public RedisExampleProposals(UnifiedJedis redis, RedisKeys keys, ObjectMapper json) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
    }

    @Override
    public void propose(Proposal proposal) {
        try {
            if (redis.hsetnx(keys.exampleProposals(), proposal.id(), json.writeValueAsString(proposal)) == 1) {
                redis.zadd(keys.exampleProposalsByTime(), proposal.at(), proposal.id());
                List<String> beyond = redis.zrevrange(keys.exampleProposalsByTime(), KEPT, -1);
                beyond.forEach(this::remove);
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<Proposal> pending(int limit) {
        return redis.zrevrange(keys.exampleProposalsByTime(), 0, Math.min(limit, KEPT) - 1L).stream()
                .map(this::find).flatMap(Optional::stream).toList();
    }

    @Override
    public Optional<Proposal> find(String id) {
        String value = redis.hget(keys.exampleProposals(), id);
        try {
            return value == null ? Optional.empty() : Optional.of(json.readValue(value, Proposal.class));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void remove(String id) {
        redis.hdel(keys.exampleProposals(), id);
        redis.zrem(keys.exampleProposalsByTime(), id);
    }
}
