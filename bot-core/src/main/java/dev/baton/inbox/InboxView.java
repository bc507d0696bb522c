package dev.baton.inbox;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** The views of the shared inbox. */
public enum InboxView {
    /** Handed over, nobody has it yet: high priority first, then the longest waiting. */
    @JsonProperty("waiting") WAITING,
    /** The agent's own. */
    @JsonProperty("mine") MINE,
    /** Waiting or with an agent. */
    @JsonProperty("open") OPEN,
    /** The bot is handling it (watchable, read-only). */
    @JsonProperty("bot") BOT,
    @JsonProperty("resolved") RESOLVED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InboxView parse(String code) {
        try {
            return valueOf(code.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("view must be waiting, mine, open, bot or resolved");
        }
    }
}
