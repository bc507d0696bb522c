package dev.baton.inbox;

import java.util.Objects;

/**
 * A reply the team reuses, with placeholders the console fills in: {@code {{customer.firstName}}},
 * {@code {{customer.name}}}, {@code {{agent.name}}}, {@code {{agent.firstName}}}.
 */
public record CannedReply(String id, String title, String text) {

    public CannedReply {
        Objects.requireNonNull(id, "id");
        if (title == null || title.isBlank() || title.length() > 100) {
            throw new IllegalArgumentException("a canned reply needs a title of 1 to 100 characters");
        }
        if (text == null || text.isBlank() || text.length() > 4000) {
            throw new IllegalArgumentException("a canned reply needs a text of 1 to 4000 characters");
        }
    }
}
