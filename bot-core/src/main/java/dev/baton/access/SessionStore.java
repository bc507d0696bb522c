package dev.baton.access;

import java.time.Duration;
import java.util.Optional;

/** Console sessions, shared by every node. */
public interface SessionStore {
    Duration LIFETIME = Duration.ofHours(12);

    /** A new session; returns the secret token for the cookie (not stored) and the session. */
    Started start(String agentId);

    /** The session of a token, renewed for another {@link #LIFETIME}; empty when unknown or expired. */
    Optional<Session> find(String token);

    void end(String token);

    record Started(String token, Session session) {}
}
