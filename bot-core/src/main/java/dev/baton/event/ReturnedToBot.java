package dev.baton.event;

/** A person gave the conversation back to the bot; the bot starts fresh from here. */
public record ReturnedToBot(String conversationId, String by) implements ConversationEvent {
    public static final String TYPE = "conversation.returned_to_bot";
}
