package dev.baton.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.webhook.Delivery;
import dev.baton.webhook.DeliveryAttempt;
import dev.baton.webhook.Webhook;
import dev.baton.webhook.WebhookStore;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Webhooks in a hash (id to JSON), each one's delivery log in a capped list, and pending deliveries in a hash (id to
 * JSON) with a sorted set of when each is due, leased by {@code take_due.lua}.
 */
public final class RedisWebhookStore implements WebhookStore {
    private static final Duration MARK_TTL = Duration.ofDays(1);
    private static final RedisScript TAKE_DUE = new RedisScript("take_due.lua");

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final ObjectMapper json;

    public RedisWebhookStore(UnifiedJedis redis, RedisKeys keys, ObjectMapper json) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
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
            redis.hset(keys.webhookDeliveries(), delivery.id(), write(delivery));
            redis.zadd(keys.webhookDue(), dueAt, delivery.id());
        }
    }

    @Override
    public List<Delivery> takeDue(long now, Duration lease, int limit) {
        Object taken = TAKE_DUE.run(redis, List.of(keys.webhookDue()),
                List.of(Long.toString(now), Long.toString(now + lease.toMillis()), Integer.toString(limit)));
        List<String> ids = new ArrayList<>();
        for (Object id : (List<?>) taken) {
            ids.add(id instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                    : String.valueOf(id));
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> values = redis.hmget(keys.webhookDeliveries(), ids.toArray(String[]::new));
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (values.get(i) == null) {
                redis.zrem(keys.webhookDue(), ids.get(i)); // finished while it was due: only the date was left
            } else {
                deliveries.add(read(values.get(i), Delivery.class));
            }
        }
        return deliveries;
    }

    @Override
    public void retry(Delivery delivery, long dueAt) {
        redis.hset(keys.webhookDeliveries(), delivery.id(), write(delivery));
        redis.zadd(keys.webhookDue(), dueAt, delivery.id());
    }

    @Override
    public void finish(String deliveryId) {
        // The body first: a due date left alone by a crash is cleaned up by takeDue.
        redis.hdel(keys.webhookDeliveries(), deliveryId);
        redis.zrem(keys.webhookDue(), deliveryId);
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
