package dev.baton.event;

import java.util.Objects;

/**
 * The customer answered a bot's "Did you mean…" at {@code messageSeq}: with one of its articles, or with "None of
 * these" ({@code articleId} null).
 */
public record ChoicePicked(String conversationId, String messageSeq, String articleId) implements ConversationEvent {
    public static final String TYPE = "message.choice_picked";

    public ChoicePicked {
        Objects.requireNonNull(messageSeq, "messageSeq");
    }
}
