package dev.baton.routing;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a team member may do: agents work conversations; admins also manage the team, routing and content. */
public enum AgentRole {
    @JsonProperty("agent") AGENT,
    @JsonProperty("admin") ADMIN
}
