package dev.baton.event;

/** The customer rated the help they got, 1 (bad) to 5 (great), after the conversation was resolved. */
public record CsatSubmitted(String conversationId, int rating, String comment) implements ConversationEvent {
    public static final String TYPE = "csat.submitted";

    public CsatSubmitted {
        if (rating < 1 || rating > 5) {
            throw new IllegalArgumentException("a rating is 1 to 5");
        }
    }
}
