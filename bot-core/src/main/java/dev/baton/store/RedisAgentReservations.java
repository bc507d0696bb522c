package dev.baton.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.Tuple;

/**
 * An agent's capacity when conversations are partitioned: the places the agent's conversations take, kept in the
 * agent's own key, since the agent's conversations are spread over partitions (slots) that no single script can
 * count. A claim takes a place first and gives it back when the claim is refused. A conversation that later leaves
 * the agent (resolved, transferred) keeps its place until the set is full: then the places of conversations the
 * agent no longer holds are pruned, and the claim tries once more.
 */
final class RedisAgentReservations {
    private static final RedisScript RESERVE = new RedisScript("reserve.lua");
    /** A younger place may belong to a claim being written right now: it is never pruned. */
    static final Duration PRUNE_AFTER = Duration.ofSeconds(10);

    enum Outcome {
        /** The conversation had its place already (the agent holds it, or claims it again). */
        HELD,
        /** A place was taken now, to give back if the claim is refused. */
        RESERVED,
        /** The agent holds as many conversations as they may. */
        FULL
    }

    private final UnifiedJedis redis;
    private final RedisKeys keys;

    RedisAgentReservations(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    Outcome reserve(String agentId, String conversationId, int limit) {
        Outcome outcome = tryReserve(agentId, conversationId, limit);
        if (outcome == Outcome.FULL && prune(agentId) > 0) {
            outcome = tryReserve(agentId, conversationId, limit);
        }
        return outcome;
    }

    void giveBack(String agentId, String conversationId) {
        redis.zrem(keys.agentReservations(agentId), conversationId);
    }

    private Outcome tryReserve(String agentId, String conversationId, int limit) {
        Object reply = RESERVE.run(redis, List.of(keys.agentReservations(agentId)),
                List.of(conversationId, Integer.toString(limit)));
        return Outcome.valueOf(String.valueOf(reply).toUpperCase(Locale.ROOT));
    }

    /** Removes the places of conversations the agent no longer holds; how many were removed. */
    private int prune(String agentId) {
        String key = keys.agentReservations(agentId);
        long before = System.currentTimeMillis() - PRUNE_AFTER.toMillis();
        List<Tuple> places = redis.zrangeByScoreWithScores(key, Double.NEGATIVE_INFINITY, before);
        if (places.isEmpty()) {
            return 0;
        }
        List<Response<List<String>>> holders = new ArrayList<>();
        try (var pipeline = redis.pipelined()) {
            for (Tuple place : places) {
                holders.add(pipeline.hmget(keys.conversation(place.getElement()), "owner", "assignee"));
            }
            pipeline.sync();
        }
        List<String> gone = new ArrayList<>();
        for (int i = 0; i < places.size(); i++) {
            List<String> holder = holders.get(i).get();
            if (!"agent".equals(holder.get(0)) || !agentId.equals(holder.get(1))) {
                gone.add(places.get(i).getElement());
            }
        }
        return gone.isEmpty() ? 0 : (int) redis.zrem(key, gone.toArray(String[]::new));
    }
}
