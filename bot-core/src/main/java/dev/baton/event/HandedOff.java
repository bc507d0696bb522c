package dev.baton.event;

import dev.baton.handoff.HandoffContext;
import java.util.Objects;

/** The bot passed the conversation to the team's queue, with everything an agent needs to take it from there. */
public record HandedOff(String conversationId, HandoffContext context) implements ConversationEvent {
    public static final String TYPE = "conversation.handed_off";

    public HandedOff {
        Objects.requireNonNull(context, "context");
    }
}
