package dev.baton.event;

import java.util.Objects;

/** The customer answered "Did this help?" on the bot message at {@code messageSeq}. */
public record FeedbackGiven(String conversationId, String messageSeq, boolean helpful) implements ConversationEvent {
    public static final String TYPE = "message.feedback";

    public FeedbackGiven {
        Objects.requireNonNull(messageSeq, "messageSeq");
    }
}
