package dev.baton.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.mail.MailOutbox;
import dev.baton.mail.PendingMail;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Pending mail in a {@link RedisDueQueue}, the secret in a string. (Stores of older versions also kept the last
 * mailed reply of each conversation in a hash, {@code <ns>:mail:through}: it is read from the log now, that hash is
 * left unused.)
 */
public final class RedisMailOutbox implements MailOutbox {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final ObjectMapper json;
    private final RedisDueQueue pending;

    public RedisMailOutbox(UnifiedJedis redis, RedisKeys keys, ObjectMapper json) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
        this.pending = new RedisDueQueue(redis, keys.mailPending(), keys.mailDue());
    }

    @Override
    public boolean schedule(PendingMail mail, long dueAt) {
        return pending.addIfAbsent(mail.id(), write(mail), dueAt);
    }

    @Override
    public List<PendingMail> takeDue(long now, Duration lease, int limit) {
        return pending.takeDue(now, lease, limit).values().stream().map(this::read).toList();
    }

    @Override
    public void retry(PendingMail mail, long dueAt) {
        pending.retry(mail.id(), write(mail), dueAt);
    }

    @Override
    public void finish(String mailId) {
        pending.finish(mailId);
    }

    @Override
    public String sharedSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        // The first node's secret wins; every other node reads that one.
        redis.set(keys.mailSecret(), HexFormat.of().formatHex(bytes), SetParams.setParams().nx());
        return redis.get(keys.mailSecret());
    }

    private String write(PendingMail mail) {
        try {
            return json.writeValueAsString(mail);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PendingMail read(String value) {
        try {
            return json.readValue(value, PendingMail.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
