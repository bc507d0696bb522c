package dev.baton.widget;

/** Allows bursts of up to {@code capacity} actions, refilled at {@code perSecond}; thread-safe. */
final class TokenBucket {
    private final int capacity;
    private final double perSecond;
    private double tokens;
    private long lastRefill = System.nanoTime();

    TokenBucket(int capacity, double perSecond) {
        this.capacity = capacity;
        this.perSecond = perSecond;
        this.tokens = capacity;
    }

    synchronized boolean take() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - lastRefill) / 1e9 * perSecond);
        lastRefill = now;
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }
}
