package dev.baton.routing;

import java.util.Objects;

/**
 * A group of agents that takes one kind of conversation (Billing takes cancellations and refunds, ...).
 *
 * @param autoAssign hand waiting conversations to online agents in turn; false: agents claim them
 * @param businessHours when the team works; null means around the clock
 * @param replyMinutes what the customer is told to expect while the team works
 */
public record Team(String id, String name, boolean autoAssign, BusinessHours businessHours, int replyMinutes) {

    public Team {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (!id.matches("[a-z0-9][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("a team id is 1-32 lowercase letters, digits or dashes: '" + id + "'");
        }
        if (replyMinutes < 1) {
            throw new IllegalArgumentException("replyMinutes must be at least 1");
        }
    }

    public boolean isOpen(java.time.Instant at) {
        return businessHours == null || businessHours.isOpen(at);
    }
}
