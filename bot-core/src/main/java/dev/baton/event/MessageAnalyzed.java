package dev.baton.event;

import dev.baton.detect.Analysis;
import java.util.Objects;

/** The detectors' reading of a customer message (at {@code messageSeq}); for agents and analytics, never customers. */
public record MessageAnalyzed(String conversationId, String messageSeq, Analysis analysis)
        implements ConversationEvent {
    public static final String TYPE = "message.analyzed";

    public MessageAnalyzed {
        Objects.requireNonNull(messageSeq, "messageSeq");
        Objects.requireNonNull(analysis, "analysis");
    }
}
