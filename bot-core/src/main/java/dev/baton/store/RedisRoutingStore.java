package dev.baton.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.routing.RoutingStore;
import dev.baton.routing.Team;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/** Teams, the reason-to-team rules and the round-robin turns, in Redis. */
public final class RedisRoutingStore implements RoutingStore {
    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final ObjectMapper json;

    public RedisRoutingStore(UnifiedJedis redis, RedisKeys keys, ObjectMapper json) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
    }

    @Override
    public List<Team> teams() {
        return redis.hgetAll(keys.teams()).values().stream().map(this::read)
                .sorted(Comparator.comparing(Team::id)).toList();
    }

    @Override
    public Optional<Team> team(String id) {
        return Optional.ofNullable(redis.hget(keys.teams(), id)).map(this::read);
    }

    @Override
    public void saveTeam(Team team) {
        try {
            redis.hset(keys.teams(), team.id(), json.writeValueAsString(team));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> rules() {
        return redis.hgetAll(keys.routingRules());
    }

    @Override
    public void saveRules(Map<String, String> rules) {
        try (var tx = redis.multi()) {
            tx.del(keys.routingRules());
            if (!rules.isEmpty()) {
                tx.hset(keys.routingRules(), rules);
            }
            tx.exec();
        }
    }

    @Override
    public long nextTurn(String teamId) {
        return redis.incr(keys.turn(teamId));
    }

    private Team read(String value) {
        try {
            return json.readValue(value, Team.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
