package dev.baton.event;

import dev.baton.conversation.Author;
import java.util.Objects;

/**
 * An agent has the conversation now: they claimed it, it was assigned to them by routing, or transferred to them.
 * The customer sees "{name} joined".
 *
 * @param by who gave it to them: their own id when they claimed it, "routing", or the transferring agent's id
 */
public record AgentJoined(String conversationId, Author agent, String by) implements ConversationEvent {
    public static final String TYPE = "conversation.assigned";

    public AgentJoined {
        Objects.requireNonNull(agent, "agent");
    }
}
