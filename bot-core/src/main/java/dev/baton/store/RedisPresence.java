package dev.baton.store;

import dev.baton.routing.Presence;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import redis.clients.jedis.UnifiedJedis;

/** Presence in Redis: the time of each agent's last heartbeat, and the state they chose. */
public final class RedisPresence implements Presence {
    /** A console beats every 20 seconds; three missed beats and the agent is offline. */
    public static final Duration OFFLINE_AFTER = Duration.ofSeconds(60);

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final Clock clock;

    public RedisPresence(UnifiedJedis redis, RedisKeys keys, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public boolean heartbeat(String agentId) {
        long now = clock.millis();
        Double before = redis.zscore(keys.heartbeats(), agentId);
        redis.zadd(keys.heartbeats(), now, agentId);
        return before == null || now - before > OFFLINE_AFTER.toMillis();
    }

    @Override
    public void choose(String agentId, State state) {
        if (state == State.OFFLINE) {
            throw new IllegalArgumentException("an agent chooses online or away; offline is when no console beats");
        }
        redis.hset(keys.presenceChoices(), agentId, state.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public State of(String agentId) {
        Double seen = redis.zscore(keys.heartbeats(), agentId);
        if (seen == null || clock.millis() - seen > OFFLINE_AFTER.toMillis()) {
            return State.OFFLINE;
        }
        return "away".equals(redis.hget(keys.presenceChoices(), agentId)) ? State.AWAY : State.ONLINE;
    }

    @Override
    public Set<String> online() {
        long since = clock.millis() - OFFLINE_AFTER.toMillis();
        Set<String> online = new HashSet<>(redis.zrangeByScore(keys.heartbeats(), since, Double.POSITIVE_INFINITY));
        online.removeIf(id -> "away".equals(redis.hget(keys.presenceChoices(), id)));
        return online;
    }
}
