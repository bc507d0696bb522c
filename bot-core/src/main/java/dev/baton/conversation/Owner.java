package dev.baton.conversation;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Who is in charge of a conversation. The bot speaks only while it is {@link #BOT}; the handoff issue adds the
 * moves between the states.
 */
public enum Owner {
    @JsonProperty("bot") BOT,
    @JsonProperty("waiting") WAITING,
    @JsonProperty("agent") AGENT,
    @JsonProperty("resolved") RESOLVED;

    /** The value stored in Redis and sent on the wire. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Owner fromWireName(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
