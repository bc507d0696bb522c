package dev.baton.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where webhooks, their pending deliveries and their delivery logs are kept. Pending deliveries are shared by every
 * node: {@link #takeDue} hands each due delivery to one caller at a time.
 */
public interface WebhookStore {

    List<Webhook> all();

    Optional<Webhook> find(String id);

    /** Adds or replaces the webhook. */
    void save(Webhook webhook);

    /** Removes the webhook and its delivery log; false when there was none. */
    boolean delete(String id);

    /** Adds a delivery due at {@code dueAt} (epoch ms), unless one with the same id was added in the last day. */
    void enqueue(Delivery delivery, long dueAt);

    /**
     * Up to {@code limit} deliveries due at {@code now}, each leased to the caller for {@code lease}: nobody else
     * takes it in that time, and anybody may after it (its taker died), so a delivery is never lost with a node.
     */
    List<Delivery> takeDue(long now, Duration lease, int limit);

    /** Keeps the delivery (with its new attempt count) for another attempt at {@code dueAt}. */
    void retry(Delivery delivery, long dueAt);

    /** The delivery is over, delivered or given up on. */
    void finish(String deliveryId);

    /** Adds an attempt to the webhook's delivery log, which keeps the latest {@link #LOG_LENGTH}. */
    void record(String webhookId, DeliveryAttempt attempt);

    /** The webhook's delivery log, newest first. */
    List<DeliveryAttempt> deliveries(String webhookId);

    int LOG_LENGTH = 100;
}
