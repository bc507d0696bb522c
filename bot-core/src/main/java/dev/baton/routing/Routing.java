package dev.baton.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which team takes a handed-over conversation (the rule table from reason to team), who of that team is around,
 * and whether it can answer now. An agent in no team serves every team.
 */
public final class Routing {
    private final RoutingStore store;
    private final AgentStore agents;
    private final Presence presence;
    private final Clock clock;

    public Routing(RoutingStore store, AgentStore agents, Presence presence, Clock clock) {
        this.store = store;
        this.agents = agents;
        this.presence = presence;
        this.clock = clock;
    }

    /** The team for a handoff reason: the rule's, else the first team; null when there are no teams at all. */
    public String teamFor(String reason) {
        String ruled = store.rules().get(reason);
        if (ruled != null && store.team(ruled).isPresent()) {
            return ruled;
        }
        return store.teams().stream().map(Team::id).findFirst().orElse(null);
    }

    public Optional<Team> team(String id) {
        return id == null ? Optional.empty() : store.team(id);
    }

    /** The team's online agents, in a stable order for taking turns; a deactivated agent is never one of them. */
    public List<Agent> onlineMembers(String teamId) {
        Set<String> online = presence.online();
        return agents.all().stream()
                .filter(agent -> agent.active() && online.contains(agent.id()))
                .filter(agent -> agent.teams().isEmpty() || agent.teams().contains(teamId))
                .sorted(Comparator.comparing(Agent::id))
                .toList();
    }

    public Availability availability(String teamId) {
        Instant now = clock.instant();
        Optional<Team> team = team(teamId);
        boolean open = team.map(t -> t.isOpen(now)).orElse(true);
        int replyMinutes = team.map(Team::replyMinutes).orElse(5);
        var backAt = open ? null : team.get().businessHours().nextOpening(now);
        return new Availability(teamId, open, onlineMembers(teamId).size(), replyMinutes, backAt);
    }

    /** Whose turn it is in the team, as a number that grows on every call. */
    long nextTurn(String teamId) {
        return store.nextTurn(teamId);
    }
}
