package dev.baton.routing;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The teams, the rule table from handoff reason to team, and each team's turn for round-robin assignment. */
public interface RoutingStore {

    List<Team> teams();

    Optional<Team> team(String id);

    void saveTeam(Team team);

    /** Handoff reason code to team id. */
    Map<String, String> rules();

    void saveRules(Map<String, String> rules);

    /** A number that grows by one on every call for this team, shared by all nodes: whose turn it is. */
    long nextTurn(String teamId);
}
