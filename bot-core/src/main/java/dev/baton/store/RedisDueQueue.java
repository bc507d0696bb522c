package dev.baton.store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;

/**
 * Work that is due at a time and must be done by one node at a time: a hash of id to body and a sorted set of when
 * each is due, leased to one taker by {@code take_due.lua} (due again for anyone once the lease ends, so nothing is
 * lost with a node), and added by {@code add_if_absent.lua} in one step. Webhook deliveries and outgoing mail both
 * wait here, under keys of their own.
 */
final class RedisDueQueue {
    private static final RedisScript ADD_IF_ABSENT = new RedisScript("add_if_absent.lua");
    private static final RedisScript TAKE_DUE = new RedisScript("take_due.lua");

    private final UnifiedJedis redis;
    private final String bodies;
    private final String due;

    /**
     * @param bodies the hash of pending id to body
     * @param due the sorted set of pending id by when it is due, epoch ms
     */
    RedisDueQueue(UnifiedJedis redis, String bodies, String due) {
        this.redis = redis;
        this.bodies = bodies;
        this.due = due;
    }

    /**
     * Adds the work unless work of that id is pending already (then it keeps its body and time), atomically; true if
     * added.
     */
    boolean addIfAbsent(String id, String body, long dueAt) {
        Object added = ADD_IF_ABSENT.run(redis, List.of(bodies, due), List.of(id, body, Long.toString(dueAt)));
        return Long.valueOf(1).equals(added);
    }

    /** Up to {@code limit} pending ids due at {@code now} with their bodies, each leased to the caller. */
    Map<String, String> takeDue(long now, Duration lease, int limit) {
        Object taken = TAKE_DUE.run(redis, List.of(due),
                List.of(Long.toString(now), Long.toString(now + lease.toMillis()), Integer.toString(limit)));
        List<String> ids = new ArrayList<>();
        for (Object id : (List<?>) taken) {
            ids.add(id instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(id));
        }
        Map<String, String> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        List<String> values = redis.hmget(bodies, ids.toArray(String[]::new));
        for (int i = 0; i < ids.size(); i++) {
            if (values.get(i) == null) {
                redis.zrem(due, ids.get(i)); // finished while it was due: only the date was left
            } else {
                found.put(ids.get(i), values.get(i));
            }
        }
        return found;
    }

    /** Keeps the work, with its new body, for another try at {@code dueAt}. */
    void retry(String id, String body, long dueAt) {
        redis.hset(bodies, id, body);
        redis.zadd(due, dueAt, id);
    }

    /** The work is over. */
    void finish(String id) {
        // The body first: a due date left alone by a crash is cleaned up by takeDue.
        redis.hdel(bodies, id);
        redis.zrem(due, id);
    }
}
