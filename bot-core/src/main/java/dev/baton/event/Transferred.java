package dev.baton.event;

/** An agent passed the conversation on, to another agent or to a team's queue, with a note for them. */
public record Transferred(String conversationId, String from, String toAgent, String toTeam, String note)
        implements ConversationEvent {
    public static final String TYPE = "conversation.transferred";
}
