package dev.baton.server.ops;

import dev.baton.webhook.Delivery;
import dev.baton.webhook.DeliveryAttempt;
import dev.baton.webhook.Webhook;
import dev.baton.webhook.WebhookStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The webhook store, counting each delivery attempt where the dispatcher records it ({@code
 * baton_webhook_deliveries_total{outcome}}: delivered, retrying, failed, refused); everything else passes through.
 */
final class CountedWebhookStore implements WebhookStore {
    private final WebhookStore inner;
    private final MeterRegistry registry;

    CountedWebhookStore(WebhookStore inner, MeterRegistry registry) {
        this.inner = inner;
        this.registry = registry;
    }

    @Override
    public void record(String webhookId, DeliveryAttempt attempt) {
        inner.record(webhookId, attempt);
        Counter.builder("baton.webhook.deliveries").description("Webhook delivery attempts, by outcome")
                .tag("outcome", attempt.outcome()).register(registry).increment();
    }

    @Override
    public List<Webhook> all() {
        return inner.all();
    }

    @Override
    public Optional<Webhook> find(String id) {
        return inner.find(id);
    }

    @Override
    public void save(Webhook webhook) {
        inner.save(webhook);
    }

    @Override
    public boolean delete(String id) {
        return inner.delete(id);
    }

    @Override
    public void enqueue(Delivery delivery, long dueAt) {
        inner.enqueue(delivery, dueAt);
    }

    @Override
    public List<Delivery> takeDue(long now, Duration lease, int limit) {
        return inner.takeDue(now, lease, limit);
    }

    @Override
    public void retry(Delivery delivery, long dueAt) {
        inner.retry(delivery, dueAt);
    }

    @Override
    public void finish(String deliveryId) {
        inner.finish(deliveryId);
    }

    @Override
    public List<DeliveryAttempt> deliveries(String webhookId) {
        return inner.deliveries(webhookId);
    }
}
