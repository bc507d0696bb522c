package dev.baton.detect;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a customer asks for that needs a person at once. Questions about a policy are not these. */
public enum Intent {
    /** Close the account, cancel an order, stop the subscription or its auto-renewal. */
    @JsonProperty("cancel") CANCEL,
    /** Asks for money back, or chases a refund already asked for. */
    @JsonProperty("refund") REFUND,
    @JsonProperty("complaint") COMPLAINT,
    /** Asks for a person. */
    @JsonProperty("human") HUMAN;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
