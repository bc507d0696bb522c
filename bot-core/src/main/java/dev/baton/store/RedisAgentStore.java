package dev.baton.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.routing.Agent;
import dev.baton.routing.AgentStore;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/** The team in Redis: agents by id, and an index from lower-case email to id. */
public final class RedisAgentStore implements AgentStore {
    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final ObjectMapper json;

    public RedisAgentStore(UnifiedJedis redis, RedisKeys keys, ObjectMapper json) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
    }

    @Override
    public List<Agent> all() {
        return redis.hgetAll(keys.agents()).values().stream().map(this::read)
                .sorted(Comparator.comparing(Agent::name)).toList();
    }

    @Override
    public Optional<Agent> find(String id) {
        return Optional.ofNullable(redis.hget(keys.agents(), id)).map(this::read);
    }

    @Override
    public Optional<Agent> findByEmail(String email) {
        return Optional.ofNullable(redis.hget(keys.agentEmails(), email.toLowerCase(Locale.ROOT))).flatMap(this::find);
    }

    @Override
    public boolean save(Agent agent) {
        String email = agent.email().toLowerCase(Locale.ROOT);
        Optional<Agent> before = find(agent.id());
        // The email index claims the address first, so two agents can never end up with one email.
        long claimed = redis.hsetnx(keys.agentEmails(), email, agent.id());
        if (claimed == 0 && !agent.id().equals(redis.hget(keys.agentEmails(), email))) {
            return false;
        }
        try {
            redis.hset(keys.agents(), agent.id(), json.writeValueAsString(agent));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        before.map(a -> a.email().toLowerCase(Locale.ROOT)).filter(old -> !old.equals(email))
                .ifPresent(old -> redis.hdel(keys.agentEmails(), old));
        return true;
    }

    @Override
    public boolean anyAdmin() {
        return all().stream().anyMatch(Agent::isAdmin);
    }

    @Override
    public boolean markDemoTeamCreated() {
        return redis.setnx(keys.demoTeamCreated(), "1") == 1;
    }

    @Override
    public boolean demoTeamCreated() {
        return redis.exists(keys.demoTeamCreated());
    }

    private Agent read(String value) {
        try {
            return json.readValue(value, Agent.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
