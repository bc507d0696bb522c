package dev.baton.inbox;

import java.util.List;

/**
 * One gentle hint of the {@link ReplyCoach} about a reply an agent is about to send: what it lacks, by a stable
 * {@code code} (stored with the sent reply for the KPIs), and a {@code message} for the agent, in the console's
 * language (English), with an example in the reply's language.
 */
public record ReplyHint(String code, String message) {
    /** The agent's first reply opens without a greeting. */
    public static final String GREETING = "greeting";
    /** The agent's first reply does not use the customer's name, which Baton knows. */
    public static final String CUSTOMER_NAME = "customer_name";
    /** The reply hands the problem to someone else: "I can't", "the system won't let me", システム上, できかねます. */
    public static final String DISOWNING = "disowning";
    /** The reply says neither what happens next nor when. */
    public static final String NEXT_STEP = "next_step";
    /** The agent's first reply does not say who is writing (no name in it). */
    public static final String SIGN_OFF = "sign_off";
    /** A long reply with no sentence end, runs of "!!!" or "???", or all caps. */
    public static final String PUNCTUATION = "punctuation";

    /** Every code, in the order the coach gives them. */
    public static final List<String> CODES = List.of(GREETING, CUSTOMER_NAME, DISOWNING, NEXT_STEP, SIGN_OFF,
            PUNCTUATION);
}
