package dev.baton.webhook;

/**
 * One event on its way to one webhook, kept in Redis until it is delivered or given up on: the body is fixed when the
 * event happens, so every attempt sends the same bytes (signed afresh with the time of the attempt).
 *
 * @param id the delivery id, also the payload's {@code id} and the {@code X-Baton-Delivery} header
 * @param attempts how many attempts were made so far
 */
public record Delivery(String id, String webhookId, String event, String conversationId, String body, int attempts) {

    Delivery afterAttempt() {
        return new Delivery(id, webhookId, event, conversationId, body, attempts + 1);
    }
}
