package dev.baton.widget;

/** Allows bursts of up to {@code capacity} actions, refilled at {@code perSecond}; thread-safe. */
final class TokenBucket {
    private final int capacity;
    private final double perSecond;
    private double tokens;
    private long lastRefill = System.nanoTime();

    TokenBucket(ChatLimits.Rate rate) {
        this.capacity = rate.burst();
        this.perSecond = rate.perSecond();
        this.tokens = capacity;
    }

    /** Takes a token: 0 when there was one, otherwise the milliseconds until there is (and nothing is taken). */
    synchronized long take() {
        refill();
        if (tokens < 1) {
            return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond * 1000));
        }
        tokens--;
        return 0;
    }

    /** Whether it is full again: then it is the same as a new one. */
    synchronized boolean full() {
        refill();
        return tokens >= capacity;
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - lastRefill) / 1e9 * perSecond);
        lastRefill = now;
    }
}
