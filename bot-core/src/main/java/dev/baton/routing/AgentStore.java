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
}
