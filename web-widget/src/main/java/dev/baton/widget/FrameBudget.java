package dev.baton.widget;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/** A token bucket per kind of frame: the budget of one connection, or of one client address. Thread-safe. */
final class FrameBudget {
    private final Map<FrameKind, TokenBucket> buckets = new EnumMap<>(FrameKind.class);

    FrameBudget(Function<FrameKind, ChatLimits.Rate> rates) {
        for (FrameKind kind : FrameKind.values()) {
            buckets.put(kind, new TokenBucket(rates.apply(kind)));
        }
    }

    /** Counts one frame: 0 when it may go, otherwise the milliseconds until it may (and it is not counted). */
    long admit(FrameKind kind) {
        return buckets.get(kind).take();
    }

    /** Whether every bucket is full again, so forgetting this budget changes nothing. */
    boolean idle() {
        return buckets.values().stream().allMatch(TokenBucket::full);
    }
}
