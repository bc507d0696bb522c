package dev.baton.conversation;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Who wrote something in a conversation. */
public enum Role {
    @JsonProperty("customer") CUSTOMER,
    @JsonProperty("bot") BOT,
    @JsonProperty("agent") AGENT,
    @JsonProperty("system") SYSTEM
}
