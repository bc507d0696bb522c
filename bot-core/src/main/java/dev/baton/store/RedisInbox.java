package dev.baton.store;

import dev.baton.inbox.Inbox;
import dev.baton.inbox.InboxView;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;

/** The inbox views as the sorted sets write.lua keeps. */
public final class RedisInbox implements Inbox {
    private final UnifiedJedis redis;
    private final RedisKeys keys;

    public RedisInbox(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    private String key(InboxView view, String agentId) {
        return view == InboxView.MINE ? keys.agentInbox(agentId) : keys.inbox(view.code());
    }

    @Override
    public List<String> list(InboxView view, String agentId, int offset, int limit) {
        String key = key(view, agentId);
        // Waiting is served oldest (lowest score) first; every other view newest first.
        return view == InboxView.WAITING ? redis.zrange(key, offset, offset + limit - 1L)
                : redis.zrevrange(key, offset, offset + limit - 1L);
    }

    @Override
    public Map<InboxView, Long> counts(String agentId) {
        Map<InboxView, Long> counts = new EnumMap<>(InboxView.class);
        try (var pipeline = redis.pipelined()) {
            Map<InboxView, redis.clients.jedis.Response<Long>> responses = new EnumMap<>(InboxView.class);
            for (InboxView view : InboxView.values()) {
                responses.put(view, pipeline.zcard(key(view, agentId)));
            }
            pipeline.sync();
            responses.forEach((view, response) -> counts.put(view, response.get()));
        }
        return counts;
    }

    @Override
    public long openCount(String agentId) {
        return redis.zcard(keys.agentInbox(agentId));
    }
}
