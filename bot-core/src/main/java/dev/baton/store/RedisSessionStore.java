package dev.baton.store;

import dev.baton.access.Session;
import dev.baton.access.SessionStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Sessions in Redis, one hash each, keyed by the SHA-256 of the token (the session's id) and expiring on their own:
 * each use sets the time to live to the idle time, or to what is left of the absolute lifetime when that is less. An
 * ended session keeps only why it ended, for {@link #MARK}; each agent's session ids are kept in a set, so all of them
 * can be ended at once.
 */
public final class RedisSessionStore implements SessionStore {
    /** How long an ended session's reason is kept: far longer than any node takes to notice it. */
    static final Duration MARK = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String AGENT = "agentId";
    private static final String CSRF = "csrf";
    private static final String STARTED = "startedAt";
    private static final String ENDED = "ended";

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final Lifetimes lifetimes;
    private final Clock clock;

    public RedisSessionStore(UnifiedJedis redis, RedisKeys keys, Lifetimes lifetimes, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.lifetimes = lifetimes;
        this.clock = clock;
    }

    @Override
    public Lifetimes lifetimes() {
        return lifetimes;
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String idOf(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public Started start(String agentId) {
        String token = randomToken();
        Session session = new Session(idOf(token), agentId, randomToken());
        String key = keys.session(session.id());
        String index = keys.agentSessions(agentId);
        try (var tx = redis.multi()) {
            tx.hset(key, Map.of(AGENT, agentId, CSRF, session.csrfToken(), STARTED,
                    Long.toString(clock.millis())));
            tx.pexpire(key, Math.min(lifetimes.idle().toMillis(), lifetimes.absolute().toMillis()));
            tx.sadd(index, session.id());
            tx.pexpire(index, lifetimes.absolute().toMillis());
            tx.exec();
        }
        return new Started(token, session);
    }

    @Override
    public Optional<Session> find(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        String id = idOf(token);
        String key = keys.session(id);
        Map<String, String> fields = redis.hgetAll(key);
        if (fields.isEmpty() || fields.containsKey(ENDED) || !fields.containsKey(AGENT)) {
            return Optional.empty();
        }
        long left = Long.parseLong(fields.getOrDefault(STARTED, "0")) + lifetimes.absolute().toMillis()
                - clock.millis();
        if (left <= 0) {
            redis.del(key);
            return Optional.empty();
        }
        redis.pexpire(key, Math.min(lifetimes.idle().toMillis(), left));
        return Optional.of(new Session(id, fields.get(AGENT), fields.get(CSRF)));
    }

    @Override
    public void end(String token) {
        if (token != null && !token.isEmpty() && token.length() <= 100) {
            mark(List.of(idOf(token)), Ending.LOGGED_OUT);
        }
    }

    @Override
    public void endAll(String agentId, String keepSessionId, Ending why) {
        String index = keys.agentSessions(agentId);
        List<String> ending = redis.smembers(index).stream().filter(id -> !id.equals(keepSessionId)).toList();
        mark(ending, why);
        if (!ending.isEmpty()) {
            redis.srem(index, ending.toArray(String[]::new));
        }
    }

    /** Replaces each session by the mark of why it ended. */
    private void mark(List<String> ids, Ending why) {
        if (ids.isEmpty()) {
            return;
        }
        try (var tx = redis.multi()) {
            for (String id : ids) {
                String key = keys.session(id);
                tx.hdel(key, AGENT, CSRF, STARTED);
                tx.hset(key, ENDED, why.name());
                tx.pexpire(key, MARK.toMillis());
            }
            tx.exec();
        }
    }

    @Override
    public Map<String, Ending> ended(Collection<String> sessionIds) {
        Map<String, Ending> ended = new LinkedHashMap<>();
        if (sessionIds.isEmpty()) {
            return ended;
        }
        Map<String, Response<List<String>>> read = new LinkedHashMap<>();
        try (var pipeline = redis.pipelined()) {
            for (String id : sessionIds) {
                read.put(id, pipeline.hmget(keys.session(id), AGENT, ENDED));
            }
            pipeline.sync();
        }
        read.forEach((id, response) -> {
            List<String> fields = response.get();
            if (fields.get(1) != null) {
                ended.put(id, Ending.valueOf(fields.get(1)));
            } else if (fields.get(0) == null) {
                ended.put(id, Ending.EXPIRED);
            }
        });
        return ended;
    }
}
