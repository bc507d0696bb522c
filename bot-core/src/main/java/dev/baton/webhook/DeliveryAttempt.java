package dev.baton.webhook;

/**
 * One attempt to deliver an event to a webhook, as its delivery log shows it.
 *
 * @param attempt 1 for the first try
 * @param status the receiver's HTTP status, null when there was no answer
 * @param error why there was no answer (timeout, refused, ...), null when there was one
 * @param at when the attempt started, epoch milliseconds
 * @param nextRetryAt when the next attempt is due, null when there is none
 * @param outcome {@code delivered} (a 2xx), {@code retrying}, {@code failed} (no attempts left, or the webhook was
 *     disabled meanwhile), or {@code refused} (its address is internal: nothing was sent, and nothing will be)
 */
public record DeliveryAttempt(String deliveryId, String event, String conversationId, int attempt, Integer status,
        String error, long durationMs, long at, Long nextRetryAt, String outcome) {

    public static final String DELIVERED = "delivered";
    public static final String RETRYING = "retrying";
    public static final String FAILED = "failed";
    public static final String REFUSED = "refused";
}
