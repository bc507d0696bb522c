package dev.baton.access;

import dev.baton.routing.Agent;
import dev.baton.routing.AgentStore;
import java.time.Clock;

/**
 * Taking console access away and giving it back: deactivating and reactivating an agent, and changing a password.
 * Each ends, at once and for every node, the sessions it must; the nodes close those sessions' sockets when they
 * notice (see {@link SessionStore#ended}).
 */
public final class AgentAccess {
    private final AgentStore agents;
    private final SessionStore sessions;
    private final Passwords passwords;
    private final Clock clock;

    public AgentAccess(AgentStore agents, SessionStore sessions, Passwords passwords, Clock clock) {
        this.agents = agents;
        this.sessions = sessions;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** The agent may no longer log in, and every session of theirs ends; deactivating twice keeps the first time. */
    public Agent deactivate(Agent agent) {
        Agent deactivated = agent.active() ? agent.withDeactivatedAt(clock.millis()) : agent;
        agents.save(deactivated);
        sessions.endAll(agent.id(), null, SessionStore.Ending.DEACTIVATED);
        return deactivated;
    }

    /** The agent may log in again (with the password they had). */
    public Agent reactivate(Agent agent) {
        Agent active = agent.withDeactivatedAt(null);
        agents.save(active);
        return active;
    }

    /**
     * Sets a new password and ends the agent's sessions but {@code keepSessionId} (the one that changed it, when the
     * agent did it themselves; null ends them all).
     *
     * @throws IllegalArgumentException when the password is not acceptable (too short or too long)
     */
    public Agent changePassword(Agent agent, String newPassword, String keepSessionId) {
        Agent changed = agent.withPasswordHash(passwords.hash(newPassword));
        agents.save(changed);
        sessions.endAll(agent.id(), keepSessionId, SessionStore.Ending.PASSWORD_CHANGED);
        return changed;
    }
}
