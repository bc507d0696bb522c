package dev.baton.conversation;

import java.util.Objects;

/**
 * The writer of a message: a role, and for people and the bot a display name and avatar; for agents also their id
 * (kept for the team's own views and numbers, left out of what customers receive).
 */
public record Author(Role role, String name, String avatarUrl, String id) {

    public Author {
        Objects.requireNonNull(role, "role");
    }

    public Author(Role role, String name, String avatarUrl) {
        this(role, name, avatarUrl, null);
    }

    public static Author customer() {
        return new Author(Role.CUSTOMER, null, null);
    }

    public static Author bot(String name) {
        return new Author(Role.BOT, name, null);
    }

    public static Author system() {
        return new Author(Role.SYSTEM, null, null);
    }

    /** The same author as customers see it: without the agent id. */
    public Author forCustomers() {
        return id == null ? this : new Author(role, name, avatarUrl, null);
    }
}
