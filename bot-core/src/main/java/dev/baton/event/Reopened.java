package dev.baton.event;

/** A resolved conversation is open again: the customer wrote (back to the bot) or an agent reopened it. */
public record Reopened(String conversationId, String by) implements ConversationEvent {
    public static final String TYPE = "conversation.reopened";
}
