package dev.baton.store;

import dev.baton.conversation.ConversationStore;
import dev.baton.event.LoggedEvent;
import dev.baton.kpi.ConversationLogs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZAddParams;

/**
 * The logs of the conversations created in a time window, for the KPIs: ids from the creation-time index of every
 * partition ({@link RedisKeys#conversationsByCreation(int)}), then each conversation's whole log. Reads only Redis, so
 * every node gets the same logs.
 */
public final class RedisConversationLogs implements ConversationLogs {
    private static final String[] INBOX_VIEWS = {"bot", "waiting", "open", "resolved"};

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final ConversationStore store;

    public RedisConversationLogs(UnifiedJedis redis, RedisKeys keys, ConversationStore store) {
        this.redis = redis;
        this.keys = keys;
        this.store = store;
    }

    @Override
    public List<List<LoggedEvent>> openedBetween(Instant from, Instant to) {
        List<String> ids = new ArrayList<>();
        for (int partition = 0; partition < keys.partitions(); partition++) {
            ids.addAll(redis.zrangeByScore(keys.conversationsByCreation(partition), "" + from.toEpochMilli(),
                    "(" + to.toEpochMilli()));
        }
        List<List<LoggedEvent>> logs = new ArrayList<>(ids.size());
        for (String id : ids) {
            List<LoggedEvent> log = store.eventsAfter(id, null);
            if (!log.isEmpty()) {
                logs.add(log);
            }
        }
        return logs;
    }

    /**
     * Indexes the conversations stored before the index existed: every conversation with an event sits in one of the
     * inbox views, and its hash has its creation time. Adds only what is missing (ZADD NX), so it is safe to run on
     * every start and on several nodes at once. Returns how many were added.
     */
    public long indexExisting() {
        long added = 0;
        for (int partition = 0; partition < keys.partitions(); partition++) {
            added += indexExisting(partition);
        }
        return added;
    }

    private long indexExisting(int partition) {
        Set<String> ids = new LinkedHashSet<>();
        for (String view : INBOX_VIEWS) {
            ids.addAll(redis.zrange(keys.inbox(view, partition), 0, -1));
        }
        if (ids.isEmpty()) {
            return 0;
        }
        List<String> ordered = List.copyOf(ids);
        Map<String, Double> scores = new HashMap<>();
        try (var pipeline = redis.pipelined()) {
            List<Response<String>> createdAt = ordered.stream()
                    .map(id -> pipeline.hget(keys.conversation(id), "createdAt")).toList();
            pipeline.sync();
            for (int i = 0; i < ordered.size(); i++) {
                if (createdAt.get(i).get() != null) {
                    scores.put(ordered.get(i), Double.parseDouble(createdAt.get(i).get()));
                }
            }
        }
        return scores.isEmpty() ? 0
                : redis.zadd(keys.conversationsByCreation(partition), scores, ZAddParams.zAddParams().nx());
    }
}
