package dev.baton.access;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Console sessions, shared by every node. A session lasts {@link Lifetimes#idle()} after its last use and never longer
 * than {@link Lifetimes#absolute()} after its login; ending one (logout, deactivation, password change) leaves a
 * short-lived mark of why, so the nodes that hold its sockets can say why they close them.
 */
public interface SessionStore {

    /** A new session; returns the secret token for the cookie (not stored) and the session. */
    Started start(String agentId);

    /** The session of a token, renewed for another idle period within its absolute lifetime; empty when over. */
    Optional<Session> find(String token);

    /** Ends the session of a token (logout). */
    void end(String token);

    /** Ends every session of the agent, except {@code keepSessionId} when not null, for {@code why}. */
    void endAll(String agentId, String keepSessionId, Ending why);

    /** Of the given session ids, those that are over, with why; the others are left untouched (not renewed). */
    Map<String, Ending> ended(Collection<String> sessionIds);

    Lifetimes lifetimes();

    record Started(String token, Session session) {}

    /** Why a session is over; {@code code} is what the console is told. */
    enum Ending {
        LOGGED_OUT("logged_out"),
        EXPIRED("session_expired"),
        DEACTIVATED("deactivated"),
        PASSWORD_CHANGED("password_changed");

        private final String code;

        Ending(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /**
     * @param idle how long a session lasts after its last use
     * @param absolute how long it lasts after the login, however much it is used
     */
    record Lifetimes(Duration idle, Duration absolute) {
        /** A working day's use without a second login; a console left alone overnight asks again. */
        public static final Lifetimes DEFAULTS = new Lifetimes(Duration.ofHours(12), Duration.ofHours(24));

        public Lifetimes {
            Objects.requireNonNull(idle, "idle");
            Objects.requireNonNull(absolute, "absolute");
            if (idle.isNegative() || idle.isZero() || absolute.isNegative() || absolute.isZero()) {
                throw new IllegalArgumentException("session lifetimes must be positive");
            }
        }
    }
}
