package dev.baton.routing;

import java.util.List;
import java.util.Objects;

/**
 * A person on the support team: how they appear to customers (name, avatar), what they may do, which teams they
 * serve, their time zone, and how many conversations they take at once.
 *
 * @param passwordHash a bcrypt hash; never sent anywhere
 * @param deactivatedAt when an admin took their access away (epoch ms); null while they are active
 */
public record Agent(String id, String email, String name, String avatarUrl, AgentRole role, List<String> teams,
        String timeZone, int maxChats, String passwordHash, Long deactivatedAt) {

    public Agent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        teams = teams == null ? List.of() : List.copyOf(teams);
        timeZone = timeZone == null ? "UTC" : timeZone;
    }

    /** Whether they may log in and be given conversations. */
    public boolean active() {
        return deactivatedAt == null;
    }

    public boolean isAdmin() {
        return role == AgentRole.ADMIN;
    }

    public String firstName() {
        return name.trim().split("\\s+")[0];
    }

    public Agent withPasswordHash(String hash) {
        return new Agent(id, email, name, avatarUrl, role, teams, timeZone, maxChats, hash, deactivatedAt);
    }

    /** The same agent, deactivated at {@code at} (epoch ms), or active again with null. */
    public Agent withDeactivatedAt(Long at) {
        return new Agent(id, email, name, avatarUrl, role, teams, timeZone, maxChats, passwordHash, at);
    }
}
