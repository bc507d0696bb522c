package dev.baton.store;

import dev.baton.inbox.Inbox;
import dev.baton.inbox.InboxView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.Tuple;

/**
 * The inbox views as the sorted sets write.lua keeps: one set per view, or, when conversations are partitioned, one
 * per view and partition, read together (lists merged by score, counts added).
 */
public final class RedisInbox implements Inbox {
    private final UnifiedJedis redis;
    private final RedisKeys keys;

    public RedisInbox(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    private String key(InboxView view, String agentId, int partition) {
        return view == InboxView.MINE ? keys.agentInbox(agentId, partition) : keys.inbox(view.code(), partition);
    }

    @Override
    public List<String> list(InboxView view, String agentId, int offset, int limit) {
        // Waiting is served oldest (lowest score) first; every other view newest first.
        boolean oldestFirst = view == InboxView.WAITING;
        if (!keys.partitioned()) {
            String key = key(view, agentId, 0);
            return oldestFirst ? redis.zrange(key, offset, offset + limit - 1L)
                    : redis.zrevrange(key, offset, offset + limit - 1L);
        }
        // The page's entries are among the first offset + limit of some partition: those of all, merged.
        List<Response<List<Tuple>>> firsts = new ArrayList<>();
        try (var pipeline = redis.pipelined()) {
            for (int partition = 0; partition < keys.partitions(); partition++) {
                String key = key(view, agentId, partition);
                firsts.add(oldestFirst ? pipeline.zrangeWithScores(key, 0, offset + limit - 1L)
                        : pipeline.zrevrangeWithScores(key, 0, offset + limit - 1L));
            }
            pipeline.sync();
        }
        Comparator<Tuple> order = Comparator.comparingDouble(Tuple::getScore);
        return firsts.stream().flatMap(first -> first.get().stream())
                .sorted(oldestFirst ? order : order.reversed())
                .skip(offset).limit(limit).map(Tuple::getElement).toList();
    }

    /** One round trip for any number of agents: the shared views' sizes once, then each agent's "mine". */
    @Override
    public Map<String, Map<InboxView, Long>> counts(Collection<String> agentIds) {
        Map<InboxView, List<Response<Long>>> shared = new EnumMap<>(InboxView.class);
        Map<String, List<Response<Long>>> mine = new HashMap<>();
        try (var pipeline = redis.pipelined()) {
            for (InboxView view : InboxView.values()) {
                if (view != InboxView.MINE) {
                    shared.put(view, eachPartition(partition -> pipeline.zcard(keys.inbox(view.code(), partition))));
                }
            }
            for (String agentId : agentIds) {
                mine.computeIfAbsent(agentId,
                        id -> eachPartition(partition -> pipeline.zcard(keys.agentInbox(id, partition))));
            }
            pipeline.sync();
        }
        Map<String, Map<InboxView, Long>> counts = new HashMap<>();
        for (String agentId : agentIds) {
            Map<InboxView, Long> agentCounts = new EnumMap<>(InboxView.class);
            for (InboxView view : InboxView.values()) {
                agentCounts.put(view, sum(view == InboxView.MINE ? mine.get(agentId) : shared.get(view)));
            }
            counts.put(agentId, agentCounts);
        }
        return counts;
    }

    @Override
    public long openCount(String agentId) {
        if (!keys.partitioned()) {
            return redis.zcard(keys.agentInbox(agentId, 0));
        }
        List<Response<Long>> sizes;
        try (var pipeline = redis.pipelined()) {
            sizes = eachPartition(partition -> pipeline.zcard(keys.agentInbox(agentId, partition)));
            pipeline.sync();
        }
        return sum(sizes);
    }

    private <T> List<T> eachPartition(IntFunction<T> read) {
        return IntStream.range(0, keys.partitions()).mapToObj(read).toList();
    }

    private static long sum(List<Response<Long>> sizes) {
        return sizes.stream().mapToLong(Response::get).sum();
    }
}
