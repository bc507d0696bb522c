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
    @JsonSubTypes.Type(ClientFrame.Typing.class),
    @JsonSubTypes.Type(ClientFrame.Read.class),
})
sealed interface ClientFrame {

    /** Opens the session: starts a conversation, or resumes one with its token from {@code lastSeq} on. */
    @JsonTypeName("hello")
    record Hello(String visitorId, String conversationId, String resumeToken, String lastSeq, String locale,
            Identity identity) implements ClientFrame {}

    /** Who the host product says the customer is. */
    record Identity(String userId, String name, String email) {}

    /** A customer message; {@code clientMsgId} makes resending it safe. */
    @JsonTypeName("message")
    record SendMessage(String clientMsgId, String text) implements ClientFrame {}

    /** The customer pressed "Talk to a person". */
    @JsonTypeName("request_human")
    record RequestHuman() implements ClientFrame {}

    /** The customer's "Did this help?" on the bot message at {@code seq}. */
    @JsonTypeName("feedback")
    record Feedback(String seq, Boolean helpful) implements ClientFrame {}

    /** The customer is typing (or stopped); the agent sees it. */
    @JsonTypeName("typing")
    record Typing(Boolean typing) implements ClientFrame {}

    /** The customer has read the conversation up to {@code seq}; the agent sees "Seen". */
    @JsonTypeName("read")
    record Read(String seq) implements ClientFrame {}
}
