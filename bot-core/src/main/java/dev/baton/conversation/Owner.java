package dev.baton.conversation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * Who is in charge of a conversation: {@code BOT -> WAITING (handed off, in the queue) -> AGENT (claimed) ->
 * RESOLVED}, and back to {@code BOT} only when a person chooses so or the customer writes again after it was
 * resolved. The bot speaks only while it is {@link #BOT}; every move is checked atomically by the store.
 */
public enum Owner {
    @JsonProperty("bot") BOT,
    @JsonProperty("waiting") WAITING,
    @JsonProperty("agent") AGENT,
    @JsonProperty("resolved") RESOLVED;

    /** The value stored in Redis and sent on the wire. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Owner fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
