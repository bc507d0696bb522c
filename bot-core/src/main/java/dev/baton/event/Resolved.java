package dev.baton.event;

/** The conversation is done; {@code by} is the agent's id, or "bot" or "system". */
public record Resolved(String conversationId, String by) implements ConversationEvent {
    public static final String TYPE = "conversation.resolved";
}
