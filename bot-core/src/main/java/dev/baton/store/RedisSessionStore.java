package dev.baton.store;

import dev.baton.access.Session;
import dev.baton.access.SessionStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/** Sessions in Redis, one hash each, keyed by the SHA-256 of the token and expiring on their own. */
public final class RedisSessionStore implements SessionStore {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UnifiedJedis redis;
    private final RedisKeys keys;

    public RedisSessionStore(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private String key(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return keys.session(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public Started start(String agentId) {
        String token = randomToken();
        Session session = new Session(agentId, randomToken());
        String key = key(token);
        try (var tx = redis.multi()) {
            tx.hset(key, Map.of("agentId", agentId, "csrf", session.csrfToken()));
            tx.expire(key, LIFETIME.toSeconds());
            tx.exec();
        }
        return new Started(token, session);
    }

    @Override
    public Optional<Session> find(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        String key = key(token);
        Map<String, String> fields = redis.hgetAll(key);
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        redis.expire(key, LIFETIME.toSeconds());
        return Optional.of(new Session(fields.get("agentId"), fields.get("csrf")));
    }

    @Override
    public void end(String token) {
        if (token != null && !token.isEmpty()) {
            redis.del(key(token));
        }
    }
}
