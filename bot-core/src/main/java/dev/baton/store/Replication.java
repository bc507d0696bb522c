package dev.baton.store;

import java.time.Duration;

/**
 * How many replicas must hold a conversation write before Baton acknowledges it: with one, a message the customer saw
 * acknowledged survives its primary's failover (Redis replicates asynchronously, so without {@code WAIT} the last
 * writes before a crash can be lost).
 *
 * @param replicas replicas that must confirm each write; 0 acknowledges once the primary has it
 * @param timeout how long to wait for them; a write not confirmed in time is refused, and the client sends it again
 */
public record Replication(int replicas, Duration timeout) {

    /** Acknowledge once the primary has the write: a single Redis, or replicas that may lag. */
    public static final Replication NONE = new Replication(0, Duration.ZERO);

    public Replication {
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must be 0 or more: " + replicas);
        }
        if (replicas > 0 && (timeout == null || timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("waiting for replicas needs a timeout above zero: " + timeout);
        }
    }
}
