package dev.baton.handoff;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How soon a person should pick a conversation up; the queue serves high first, then the longest waiting. */
public enum Priority {
    @JsonProperty("high") HIGH,
    @JsonProperty("normal") NORMAL;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
