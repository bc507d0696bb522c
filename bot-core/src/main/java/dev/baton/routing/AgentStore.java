package dev.baton.routing;

import java.util.List;
import java.util.Optional;

/** Where the team's members are kept. Emails are unique, compared in lower case. */
public interface AgentStore {

    List<Agent> all();

    Optional<Agent> find(String id);

    Optional<Agent> findByEmail(String email);

    /** Adds or replaces the agent; refused (false) when another agent already has the email. */
    boolean save(Agent agent);

    boolean anyAdmin();

    /**
     * Records that this store's demo agents are made: true for the one call that recorded it, false ever after, so
     * they are made once per store whatever later happens to them.
     */
    boolean markDemoTeamCreated();

    /** Whether this store's demo agents were made once: it is a demo store, whose starts name its demo logins. */
    boolean demoTeamCreated();
}
