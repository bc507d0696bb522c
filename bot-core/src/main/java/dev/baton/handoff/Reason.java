package dev.baton.handoff;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.baton.detect.Intent;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

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
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason with this wire code ("refund", "human_requested"...), if there is one. */
    public static Optional<Reason> fromCode(String code) {
        return Arrays.stream(values()).filter(reason -> reason.code().equals(code)).findFirst();
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
