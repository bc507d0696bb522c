package dev.baton.event;

/** One side has read the conversation up to {@code seq}: {@code by} is "customer" or the agent's id. */
public record MessageRead(String conversationId, String by, String seq) implements ConversationEvent {
    public static final String TYPE = "message.read";
}
