package dev.baton.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Something that happened to a conversation. Every change is one of these, appended to the conversation's log; the
 * log is the truth and everything live (sockets, consoles, the bot) is derived from it. The {@code type} names are
 * shared with clients and webhooks.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = MessageCreated.class, name = MessageCreated.TYPE),
    @JsonSubTypes.Type(value = MessageAnalyzed.class, name = MessageAnalyzed.TYPE),
    @JsonSubTypes.Type(value = FeedbackGiven.class, name = FeedbackGiven.TYPE),
    @JsonSubTypes.Type(value = ChoicePicked.class, name = ChoicePicked.TYPE),
    @JsonSubTypes.Type(value = HandedOff.class, name = HandedOff.TYPE),
    @JsonSubTypes.Type(value = Resolved.class, name = Resolved.TYPE),
    @JsonSubTypes.Type(value = Reopened.class, name = Reopened.TYPE),
    @JsonSubTypes.Type(value = NoteAdded.class, name = NoteAdded.TYPE),
    @JsonSubTypes.Type(value = AgentJoined.class, name = AgentJoined.TYPE),
    @JsonSubTypes.Type(value = Transferred.class, name = Transferred.TYPE),
    @JsonSubTypes.Type(value = ReturnedToBot.class, name = ReturnedToBot.TYPE),
    @JsonSubTypes.Type(value = MessageRead.class, name = MessageRead.TYPE),
    @JsonSubTypes.Type(value = CsatSubmitted.class, name = CsatSubmitted.TYPE),
    @JsonSubTypes.Type(value = MailSent.class, name = MailSent.TYPE),
    @JsonSubTypes.Type(value = MailBounced.class, name = MailBounced.TYPE),
    @JsonSubTypes.Type(value = MailReceived.class, name = MailReceived.TYPE),
})
public sealed interface ConversationEvent permits MessageCreated, MessageAnalyzed, FeedbackGiven, ChoicePicked, HandedOff, Resolved,
        Reopened, NoteAdded, AgentJoined, Transferred, ReturnedToBot, MessageRead, CsatSubmitted, MailSent, MailBounced,
        MailReceived {

    String conversationId();

    /** The event's name, as in the log, on the wire and in webhooks. */
    default String type() {
        for (JsonSubTypes.Type subtype : ConversationEvent.class.getAnnotation(JsonSubTypes.class).value()) {
            if (subtype.value() == getClass()) {
                return subtype.name();
            }
        }
        throw new IllegalStateException("unregistered event " + getClass());
    }
}
