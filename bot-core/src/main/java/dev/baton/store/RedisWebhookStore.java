package dev.baton.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.webhook.Delivery;
import dev.baton.webhook.DeliveryAttempt;
import dev.baton.webhook.Webhook;
import dev.baton.webhook.WebhookStore;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Webhooks in a hash (id to JSON), each one's delivery log in a capped list, and pending deliveries in a
 * {@link RedisDueQueue}.
 */
public final class RedisWebhookStore implements WebhookStore {
    private static final Duration MARK_TTL = Duration.ofDays(1);

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final ObjectMapper json;
    private final RedisDueQueue pending;

    public RedisWebhookStore(UnifiedJedis redis, RedisKeys keys, ObjectMapper json) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
        this.pending = new RedisDueQueue(redis, keys.webhookDeliveries(), keys.webhookDue());
    }

    @Override
    public List<Webhook> all() {
        return redis.hgetAll(keys.webhooks()).values().stream().map(value -> read(value, Webhook.class))
                .sorted(Comparator.comparingLong(Webhook::createdAt).thenComparing(Webhook::id)).toList();
    }

    @Override
    public Optional<Webhook> find(String id) {
        return Optional.ofNullable(redis.hget(keys.webhooks(), id)).map(value -> read(value, Webhook.class));
    }

    @Override
    public void save(Webhook webhook) {
        redis.hset(keys.webhooks(), webhook.id(), write(webhook));
    }

    @Override
    public boolean delete(String id) {
        boolean existed = redis.hdel(keys.webhooks(), id) > 0;
        redis.del(keys.webhookLog(id));
        return existed;
    }

    @Override
    public void enqueue(Delivery delivery, long dueAt) {
        // The mark outlives the delivery, so an event prepared twice (its node died before saying so) is sent once.
        if ("OK".equals(redis.set(keys.webhookDeliveryMark(delivery.id()), "1",
                SetParams.setParams().nx().ex(MARK_TTL.toSeconds())))) {
            pending.addIfAbsent(delivery.id(), write(delivery), dueAt);
        }
    }

    @Override
    public List<Delivery> takeDue(long now, Duration lease, int limit) {
        return pending.takeDue(now, lease, limit).values().stream().map(value -> read(value, Delivery.class)).toList();
    }

    @Override
    public void retry(Delivery delivery, long dueAt) {
        pending.retry(delivery.id(), write(delivery), dueAt);
    }

    @Override
    public void finish(String deliveryId) {
        pending.finish(deliveryId);
    }

    @Override
    public void record(String webhookId, DeliveryAttempt attempt) {
        redis.lpush(keys.webhookLog(webhookId), write(attempt));
        redis.ltrim(keys.webhookLog(webhookId), 0, LOG_LENGTH - 1);
    }

    @Override
    public List<DeliveryAttempt> deliveries(String webhookId) {
        return redis.lrange(keys.webhookLog(webhookId), 0, LOG_LENGTH - 1).stream()
                .map(value -> read(value, DeliveryAttempt.class)).toList();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String value, Class<T> type) {
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
