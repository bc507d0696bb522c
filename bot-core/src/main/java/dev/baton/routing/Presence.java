package dev.baton.routing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Set;

/**
 * Who of the team is around, from the consoles' heartbeats: online or away as the agent chose, offline when no
 * console of theirs has beaten for a minute.
 */
public interface Presence {

    enum State {
        @JsonProperty("online") ONLINE,
        @JsonProperty("away") AWAY,
        @JsonProperty("offline") OFFLINE
    }

    /** A console of this agent is open; returns whether they were offline before (they just came online). */
    boolean heartbeat(String agentId);

    void choose(String agentId, State state);

    State of(String agentId);

    /** The agents whose consoles beat recently and who did not choose away. */
    Set<String> online();
}
