package dev.baton.widget;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/** A frame the widget sends on {@code /ws/chat}; {@code type} picks the record. See docs/protocol.md. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(ClientFrame.Hello.class),
    @JsonSubTypes.Type(ClientFrame.SendMessage.class),
    @JsonSubTypes.Type(ClientFrame.RequestHuman.class),
    @JsonSubTypes.Type(ClientFrame.Feedback.class),
})
sealed interface ClientFrame {

    /** Opens the session: starts a conversation, or resumes one with its token from {@code lastSeq} on. */
    @JsonTypeName("hello")
    record Hello(String visitorId, String conversationId, String resumeToken, String lastSeq, String locale)
            implements ClientFrame {}

    /** A customer message; {@code clientMsgId} makes resending it safe. */
    @JsonTypeName("message")
    record SendMessage(String clientMsgId, String text) implements ClientFrame {}

    /** The customer pressed "Talk to a person". */
    @JsonTypeName("request_human")
    record RequestHuman() implements ClientFrame {}

    /** The customer's "Did this help?" on the bot message at {@code seq}. */
    @JsonTypeName("feedback")
    record Feedback(String seq, Boolean helpful) implements ClientFrame {}
}
