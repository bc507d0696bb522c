package dev.baton.store;

import dev.baton.inbox.Inbox;
import dev.baton.inbox.InboxView;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Response;
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

    /** One round trip for any number of agents: the shared views' sizes once, then each agent's "mine". */
    @Override
    public Map<String, Map<InboxView, Long>> counts(Collection<String> agentIds) {
        Map<InboxView, Response<Long>> shared = new EnumMap<>(InboxView.class);
        Map<String, Response<Long>> mine = new HashMap<>();
        try (var pipeline = redis.pipelined()) {
            for (InboxView view : InboxView.values()) {
                if (view != InboxView.MINE) {
                    shared.put(view, pipeline.zcard(keys.inbox(view.code())));
                }
            }
            for (String agentId : agentIds) {
                mine.computeIfAbsent(agentId, id -> pipeline.zcard(keys.agentInbox(id)));
            }
            pipeline.sync();
        }
        Map<String, Map<InboxView, Long>> counts = new HashMap<>();
        for (String agentId : agentIds) {
            Map<InboxView, Long> agentCounts = new EnumMap<>(InboxView.class);
            for (InboxView view : InboxView.values()) {
                agentCounts.put(view, (view == InboxView.MINE ? mine.get(agentId) : shared.get(view)).get());
            }
            counts.put(agentId, agentCounts);
        }
        return counts;
    }

    @Override
    public long openCount(String agentId) {
        return redis.zcard(keys.agentInbox(agentId));
    }
}
