package dev.baton.event;

import dev.baton.handoff.HandoffContext;
import dev.baton.routing.Availability;
import java.util.Objects;

/**
 * The bot passed the conversation to a team's queue, with everything an agent needs to take it from there, and what
 * the customer was told to expect.
 */
public record HandedOff(String conversationId, HandoffContext context, String team, Availability availability)
        implements ConversationEvent {
    public static final String TYPE = "conversation.handed_off";

    public HandedOff {
        Objects.requireNonNull(context, "context");
    }
}
