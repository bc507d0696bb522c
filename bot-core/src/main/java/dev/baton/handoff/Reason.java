package dev.baton.handoff;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.baton.detect.Intent;

/** Why the bot handed a conversation over. */
public enum Reason {
    @JsonProperty("cancel") CANCEL,
    @JsonProperty("refund") REFUND,
    @JsonProperty("complaint") COMPLAINT,
    /** The customer asked for a person, in words or with the "Talk to a person" button. */
    @JsonProperty("human_requested") HUMAN_REQUESTED,
    @JsonProperty("frustration") FRUSTRATION,
    /** The bot could not answer confidently, twice in a row. */
    @JsonProperty("low_confidence") LOW_CONFIDENCE,
    /** The customer said the answers did not help, twice in a row. */
    @JsonProperty("not_helpful") NOT_HELPFUL;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Reason of(Intent intent) {
        return switch (intent) {
            case CANCEL -> CANCEL;
            case REFUND -> REFUND;
            case COMPLAINT -> COMPLAINT;
            case HUMAN -> HUMAN_REQUESTED;
        };
    }
}
