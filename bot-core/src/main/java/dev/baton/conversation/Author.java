package dev.baton.conversation;

import java.util.Objects;

/** The writer of a message as the customer sees it: a role, and for people and the bot a display name and avatar. */
public record Author(Role role, String name, String avatarUrl) {

    public Author {
        Objects.requireNonNull(role, "role");
    }

    public static Author customer() {
        return new Author(Role.CUSTOMER, null, null);
    }

    public static Author bot(String name) {
        return new Author(Role.BOT, name, null);
    }
}
