package dev.baton.webhook;

import java.util.List;
import java.util.Objects;

/**
 * An address an admin registered to hear some of Baton's events, with the secret its deliveries are signed with.
 *
 * @param events the event names it hears, a subset of {@link WebhookEvents#NAMES}
 * @param createdAt epoch milliseconds
 */
public record Webhook(String id, String url, List<String> events, String secret, boolean active, long createdAt) {

    public Webhook {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
        events = List.copyOf(events);
    }

    /** Whether a delivery of {@code event} goes to this webhook now. */
    public boolean hears(String event) {
        return active && events.contains(event);
    }
}
